package http

import (
	"strings"
	"testing"
)

func TestRegionsPageNamesTheCentresInThePagesLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	for lang, want := range map[string][]string{
		"kk": {"Өскемен", "Қарағанды", "Орал"},
		"ru": {"Усть-Каменогорск", "Караганда", "Уральск"},
		"en": {"Oskemen", "Karaganda", "Oral"},
	} {
		code, page := e.browser(t, lang).get("/regions")
		if code != 200 {
			t.Fatalf("%s: /regions answered %d", lang, code)
		}
		containsAll(t, lang+" /regions", page, want...)
		if lang != "en" && (strings.Contains(page, "Oskemen") || strings.Contains(page, "Karaganda")) {
			t.Errorf("the %s page names the centres in English", lang)
		}
	}
}
