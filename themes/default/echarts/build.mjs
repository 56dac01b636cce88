#!/usr/bin/env node
// Builds the custom ECharts bundle (entry.js) into
// ../static/js/echarts.min.js, or into the path given with --out.
//
// The output is deterministic: same package-lock.json => same bytes
// (checked by `make echarts-check`). It starts with a one-line banner
// naming the exact echarts, zrender and esbuild versions.
//
// It also writes ../static/js/echarts.LICENSE.txt (or --license-out PATH):
// the licence texts of everything bundled (echarts LICENSE + NOTICE +
// licenses/LICENSE-d3, zrender, tslib), with a header naming each version.
//
// Usage: node build.mjs [--out PATH] [--license-out PATH]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const staticJs = join(here, '..', 'static', 'js');

const args = process.argv.slice(2);
let out = join(staticJs, 'echarts.min.js');
let licenseOut = join(staticJs, 'echarts.LICENSE.txt');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out' && i + 1 < args.length) {
    out = args[++i];
  } else if (args[i] === '--license-out' && i + 1 < args.length) {
    licenseOut = args[++i];
  } else {
    console.error(`build.mjs: unknown argument ${args[i]}\nusage: node build.mjs [--out PATH] [--license-out PATH]`);
    process.exit(2);
  }
}

const readJSON = (p) => JSON.parse(readFileSync(p, 'utf8'));
const pinned = readJSON(join(here, 'package.json')).devDependencies;
const installed = (name) => readJSON(join(here, 'node_modules', name, 'package.json')).version;

// Refuse to build from node_modules that do not match the pins: the banner
// would lie and the bundle would not be reproducible.
for (const name of ['echarts', 'esbuild']) {
  if (installed(name) !== pinned[name]) {
    console.error(`build.mjs: node_modules has ${name} ${installed(name)} but package.json pins ${pinned[name]}; run npm ci`);
    process.exit(1);
  }
}

const banner =
  `/*! covsite ECharts bundle: echarts ${installed('echarts')} (Apache-2.0), ` +
  `zrender ${installed('zrender')} (BSD-3-Clause), tslib ${installed('tslib')} (0BSD); ` +
  `bar+line, SVG renderer, locales VI+EN; built with esbuild ${installed('esbuild')}. ` +
  `Licenses: echarts.LICENSE.txt */`;

await build({
  absWorkingDir: here,
  entryPoints: ['entry.js'],
  outfile: out,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2018',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: banner },
  logLevel: 'warning',
});

// Licence file: header, then each bundled package's licence files verbatim.
const rule = '='.repeat(72);
const section = (title, rel) => {
  const p = join(here, 'node_modules', rel);
  if (!existsSync(p)) return '';
  return `${rule}\n${title}\n(${rel})\n${rule}\n\n${readFileSync(p, 'utf8').trimEnd()}\n\n`;
};
const license =
  `echarts.min.js is a custom build of Apache ECharts made by covsite\n` +
  `(themes/default/echarts/build.mjs). It bundles:\n\n` +
  `  echarts ${installed('echarts')}  Apache-2.0    https://echarts.apache.org/\n` +
  `  zrender ${installed('zrender')}  BSD-3-Clause  (ECharts' rendering library)\n` +
  `  tslib   ${installed('tslib')}  0BSD          (TypeScript helpers)\n\n` +
  `Their licence and notice files follow, unchanged.\n\n` +
  section(`echarts ${installed('echarts')}: LICENSE`, 'echarts/LICENSE') +
  section(`echarts ${installed('echarts')}: NOTICE`, 'echarts/NOTICE') +
  section(`echarts ${installed('echarts')}: licenses/LICENSE-d3 (code embedded in echarts)`, 'echarts/licenses/LICENSE-d3') +
  section(`zrender ${installed('zrender')}: LICENSE`, 'zrender/LICENSE') +
  section(`tslib ${installed('tslib')}: LICENSE.txt`, 'tslib/LICENSE.txt');
writeFileSync(licenseOut, license.trimEnd() + '\n');
