package main

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/gen"
)

// TestGenSummaryInTheLanguage: gen says what it wrote in the language of the messages,
// its numbers written as that language writes them.
func TestGenSummaryInTheLanguage(t *testing.T) {
	s := gen.Summary{OldProvinces: 63, Districts: 63, OldCommunes: 212, NewProvinces: 34, NewCommunes: 66, Targets: 17572, Files: 1489, Bytes: 2_400_000}
	for lang, want := range map[string][]string{
		"vi": {"63 tỉnh, 63 huyện, 212 xã trước 1/7/2025; 34 tỉnh, 66 xã từ đó", "17.572 chỉ tiêu", "1.489 tệp, 2,4 MB"},
		"en": {"63 provinces, 63 districts, 212 communes before 1/7/2025", "17,572 targets", "1,489 files, 2.4 MB"},
	} {
		got := genSummary(s, lang)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q has no %q", lang, got, w)
			}
		}
		if lang == "vi" && strings.Contains(got, "provinces") {
			t.Errorf("vi: English words in %q", got)
		}
	}
}
