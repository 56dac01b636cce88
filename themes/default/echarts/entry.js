// Custom ECharts bundle for covsite.
//
// Only what the site draws is imported, so the bundle stays small:
//   charts:     bar, line
//   components: grid, tooltip, legend, title, aria, markLine, dataset
//   renderer:   SVG only (crisp on phones, no canvas)
//   locales:    'VI' (registered here) and 'EN' (built into ECharts)
//
// Built by build.mjs into ../static/js/echarts.min.js as an IIFE that sets
// window.echarts. Adding a chart type or component here is the only way to
// make it available to charts.js.
import {
  use,
  init,
  dispose,
  getInstanceByDom,
  registerLocale,
  registerTheme,
  version,
} from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  MarkLineComponent,
  DatasetComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
// The ESM locale file under echarts/lib/i18n is not in the package's
// "exports" map; the published "-obj" UMD build is, and exports the plain
// locale object.
import langVI from 'echarts/i18n/langVI-obj.js';

use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  MarkLineComponent,
  DatasetComponent,
  SVGRenderer,
]);

registerLocale('VI', langVI);

window.echarts = {
  version,
  init,
  use,
  dispose,
  getInstanceByDom,
  registerLocale,
  registerTheme,
};
