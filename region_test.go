package parasat

import (
	"testing"
	"time"
)

func TestKazakhstanRegions(t *testing.T) {
	regions := KazakhstanRegions()
	if len(regions) != 20 {
		t.Fatalf("%d regions; want 17 regions and 3 cities", len(regions))
	}
	seen := map[string]bool{}
	for _, r := range regions {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", r.Code, err)
		}
		if seen[r.Code] {
			t.Errorf("%s twice", r.Code)
		}
		seen[r.Code] = true
	}
	for _, code := range []string{"KZ-10", "KZ-33", "KZ-62", "KZ-71", "KZ-75", "KZ-79"} {
		if !seen[code] {
			t.Errorf("%s missing", code)
		}
	}
}

func TestCapitalNameAtDate(t *testing.T) {
	var astana Region
	for _, r := range KazakhstanRegions() {
		if r.Code == CapitalCode {
			astana = r
		}
	}
	day := func(s string) time.Time { d, _ := ParseDate(s); return d.Time }
	cases := []struct {
		date string
		lang Language
		want string
	}{
		{"2019-03-22", English, "Astana"},
		{"2019-03-23", English, "Nur-Sultan"},
		{"2021-06-01", Russian, "город Нур-Султан"},
		{"2022-09-16", Kazakh, "Нұр-Сұлтан қаласы"},
		{"2022-09-17", Kazakh, "Астана қаласы"},
		{"2026-11-24", Russian, "город Астана"},
	}
	for _, c := range cases {
		if got := astana.NameAt(c.lang, day(c.date)); got != c.want {
			t.Errorf("capital on %s in %s = %q; want %q", c.date, c.lang, got, c.want)
		}
	}
}

func TestFoldForSearch(t *testing.T) {
	cases := map[string]string{
		"Қазақ":      "казак",
		"ӘҒҚҢӨҰҮҺІ":  "агкноуухи",
		"Берёзка":    "березка",
		"Kussainova": "kussainova",
	}
	for in, want := range cases {
		if got := FoldForSearch(in); got != want {
			t.Errorf("FoldForSearch(%q) = %q; want %q", in, got, want)
		}
	}
}
