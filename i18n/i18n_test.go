package i18n

import (
	"encoding/json"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/parasat-kz/parasat"
)

// pluralForms are the CLDR categories each language needs for integers and
// fractions; a plural message must have exactly these.
var pluralForms = map[parasat.Language][]string{
	parasat.Kazakh:  {"one", "other"},
	parasat.Russian: {"few", "many", "one", "other"},
	parasat.English: {"one", "other"},
}

// rawCatalog reads every locales/<subject>.<lang>.json as message ID →
// forms; a simple message has the single form "".
func rawCatalog(t *testing.T, lang parasat.Language) map[string]map[string]string {
	t.Helper()
	names, err := CatalogueFiles(lang)
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]json.RawMessage{}
	for _, name := range names {
		buf, err := locales.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]json.RawMessage
		if err := json.Unmarshal(buf, &part); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id, v := range part {
			if _, twice := raw[id]; twice {
				t.Fatalf("%s defines %q again", name, id)
			}
			raw[id] = v
		}
	}
	out := make(map[string]map[string]string, len(raw))
	for id, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			out[id] = map[string]string{"": s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("%s.json: %q is neither a string nor plural forms: %v", lang, id, err)
		}
		out[id] = forms
	}
	return out
}

func catalogs(t *testing.T) map[parasat.Language]map[string]map[string]string {
	t.Helper()
	c := make(map[parasat.Language]map[string]map[string]string)
	for _, lang := range parasat.Languages {
		c[lang] = rawCatalog(t, lang)
	}
	return c
}

func load(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCataloguesHaveSameKeysAndPluralForms(t *testing.T) {
	cats := catalogs(t)
	all := map[string]bool{}
	plural := map[string]bool{}
	for _, cat := range cats {
		for id, forms := range cat {
			all[id] = true
			if _, simple := forms[""]; !simple {
				plural[id] = true
			}
		}
	}
	for id := range all {
		for _, lang := range parasat.Languages {
			forms, ok := cats[lang][id]
			if !ok {
				t.Errorf("%s.json: missing %q", lang, id)
				continue
			}
			got := slices.Sorted(maps.Keys(forms))
			want := []string{""}
			if plural[id] {
				want = pluralForms[lang]
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s.json: %q has forms %q, want %q", lang, id, got, want)
			}
			for f, s := range forms {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s.json: %q form %q is empty", lang, id, f)
				}
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestPlaceholdersMatchEnglish(t *testing.T) {
	cats := catalogs(t)
	for id, enForms := range cats[parasat.English] {
		want := fields(enForms[""] + enForms["other"])
		for _, lang := range parasat.Languages {
			for f, s := range cats[lang][id] {
				if got := fields(s); !slices.Equal(got, want) {
					t.Errorf("%s.json: %q form %q uses %v, English uses %v", lang, id, f, got, want)
				}
			}
		}
	}
}

// sameAsEnglish may read the same in Kazakh or Russian as in English.
var sameAsEnglish = map[string]bool{"Parasat": true}

// latinInKazakh are the only words in Latin letters a Kazakh message may use:
// names and technical terms written the same in every language.
var latinInKazakh = []string{"Parasat", "CSV", "API", "OpenAPI", "JSON", "PDF", "JPEG", "PNG", "XLSX", "SVG"}

// technical matches e-mail addresses, web addresses and paths shown as
// examples, which are the same in every language.
var technical = regexp.MustCompile(`\S+@\S+|https?://\S*|/[a-z0-9/]+`)

func TestTranslated(t *testing.T) {
	cats := catalogs(t)
	latin := regexp.MustCompile(`[A-Za-z]+`)
	for id, enForms := range cats[parasat.English] {
		for _, lang := range []parasat.Language{parasat.Kazakh, parasat.Russian} {
			for f, s := range cats[lang][id] {
				en := enForms[f]
				if f != "" {
					en = enForms["other"]
				}
				if s == en && !sameAsEnglish[s] {
					t.Errorf("%s.json: %q form %q is the English %q", lang, id, f, s)
				}
				if lang != parasat.Kazakh {
					continue
				}
				text := technical.ReplaceAllString(placeholder.ReplaceAllString(s, ""), "")
				for _, w := range latin.FindAllString(text, -1) {
					if !slices.Contains(latinInKazakh, w) {
						t.Errorf("kk.json: %q form %q has Latin %q", id, f, w)
					}
				}
			}
		}
	}
}

func TestEveryMessageRenders(t *testing.T) {
	c := load(t)
	cats := catalogs(t)
	for _, lang := range parasat.Languages {
		l := c.For(lang)
		for id, forms := range cats[lang] {
			if !l.Has(id) {
				t.Errorf("%s: Has(%q) = false", lang, id)
			}
			var args []any
			for _, f := range fields(forms[""] + forms["other"]) {
				args = append(args, f, "X")
			}
			outs := []string{l.T(id, args...)}
			if _, simple := forms[""]; !simple {
				for _, n := range []int{0, 1, 2, 5, 11, 21} {
					outs = append(outs, l.N(id, n, args...))
				}
			}
			for _, s := range outs {
				if s == id || s == "" || strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
					t.Errorf("%s: %q renders as %q", lang, id, s)
				}
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	c := load(t)
	ru := c.For(parasat.Russian)
	for n, want := range map[int]string{
		1:   "1 организация",
		2:   "2 организации",
		5:   "5 организаций",
		11:  "11 организаций",
		21:  "21 организация",
		22:  "22 организации",
		25:  "25 организаций",
		111: "111 организаций",
	} {
		if got := ru.N("count.organisations", n); got != want {
			t.Errorf("ru N(count.organisations, %d) = %q, want %q", n, got, want)
		}
	}
	for _, tc := range []struct {
		lang parasat.Language
		key  string
		n    int
		want string
	}{
		{parasat.Russian, "count.organisations", 1200, "1\u00a0200 организаций"},
		{parasat.Russian, "home.fig_regions", 3, "региона, где есть организации"},
		{parasat.Russian, "home.fig_regions", 20, "регионов, где есть организации"},
		{parasat.Russian, "signin.too_many", 1, "Слишком много попыток входа. Повторите через 1 минуту"},
		{parasat.Russian, "signin.too_many", 15, "Слишком много попыток входа. Повторите через 15 минут"},
		{parasat.Kazakh, "count.organisations", 1, "1 ұйым"},
		{parasat.Kazakh, "count.organisations", 5, "5 ұйым"},
		{parasat.Kazakh, "signin.too_many", 5, "Кіру әрекеттері тым көп болды. 5 минуттан кейін қайталап көріңіз"},
		{parasat.English, "count.organisations", 1, "1 organisation"},
		{parasat.English, "count.organisations", 5, "5 organisations"},
		{parasat.English, "home.fig_organisations", 1, "organisation registered"},
		{parasat.English, "signin.too_many", 1, "Too many attempts; try again in 1 minute"},
		{parasat.English, "signin.too_many", 5, "Too many attempts; try again in 5 minutes"},
	} {
		if got := c.For(tc.lang).N(tc.key, tc.n); got != tc.want {
			t.Errorf("%s N(%s, %d) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
}

func TestT(t *testing.T) {
	c := load(t)
	for lang, want := range map[parasat.Language]string{
		parasat.Kazakh:  "«Жомарт» ұйымы құрылды",
		parasat.Russian: "Организация «Жомарт» создана",
		parasat.English: "Organisation “Жомарт” created",
	} {
		l := c.For(lang)
		if l.Lang() != lang {
			t.Errorf("For(%s).Lang() = %s", lang, l.Lang())
		}
		if got := l.T("org.created", "Name", "Жомарт"); got != want {
			t.Errorf("%s T(org.created) = %q, want %q", lang, got, want)
		}
	}
	if got := c.For(parasat.Russian).T("nav.organisations"); got != "Организации" {
		t.Errorf("ru nav.organisations = %q", got)
	}
	if got := c.For(parasat.Russian).T("confirm.revoke_role", "Name", "Асель"); got != "Отозвать роль у Асель?" {
		t.Errorf("ru confirm.revoke_role = %q", got)
	}
	if got := c.For("de").Lang(); got != parasat.Kazakh {
		t.Errorf("For(de).Lang() = %s, want kk", got)
	}
}

func TestMissingKey(t *testing.T) {
	c := load(t)
	for _, lang := range parasat.Languages {
		l := c.For(lang)
		if got := l.T("no.such.key", "Name", "x"); got != "no.such.key" {
			t.Errorf("%s T(missing) = %q, want the key", lang, got)
		}
		if got := l.N("no.such.count", 3); got != "no.such.count" {
			t.Errorf("%s N(missing) = %q, want the key", lang, got)
		}
		if l.Has("no.such.key") {
			t.Errorf("%s Has(missing) = true", lang)
		}
		if got := l.T("org.created", "Name"); strings.Contains(got, "{{") {
			t.Errorf("%s T with a name but no value = %q", lang, got)
		}
	}
}

func TestMoney(t *testing.T) {
	c := load(t)
	kk, ru, en := c.For(parasat.Kazakh), c.For(parasat.Russian), c.For(parasat.English)
	for _, tc := range []struct {
		l    *Localizer
		tiyn int64
		want string
	}{
		{kk, 1_400_000_000, "14\u00a0000\u00a0000\u00a0₸"},
		{ru, 1_400_000_000, "14\u00a0000\u00a0000\u00a0₸"},
		{kk, 123450, "1\u00a0234,50\u00a0₸"},
		{ru, 123450, "1\u00a0234,50\u00a0₸"},
		{en, 123450, "1\u00a0234.50\u00a0₸"},
		{kk, 0, "0\u00a0₸"},
		{ru, 5, "0,05\u00a0₸"},
		{en, 5, "0.05\u00a0₸"},
		{kk, 100, "1\u00a0₸"},
		{kk, 99_999, "999,99\u00a0₸"},
		{kk, 100_000, "1\u00a0000\u00a0₸"},
		{ru, -123450, "\u22121\u00a0234,50\u00a0₸"},
		{en, -5, "\u22120.05\u00a0₸"},
		{kk, math.MinInt64, "\u221292\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,08\u00a0₸"},
	} {
		if got := tc.l.Money(tc.tiyn); got != tc.want {
			t.Errorf("%s Money(%d) = %q, want %q", tc.l.Lang(), tc.tiyn, got, tc.want)
		}
	}
}

func TestNumber(t *testing.T) {
	c := load(t)
	for _, lang := range parasat.Languages {
		l := c.For(lang)
		for n, want := range map[int64]string{
			0:          "0",
			7:          "7",
			999:        "999",
			1200:       "1\u00a0200",
			-1200:      "\u22121\u00a0200",
			1_234_567:  "1\u00a0234\u00a0567",
			12_345_678: "12\u00a0345\u00a0678",
		} {
			if got := l.Number(n); got != want {
				t.Errorf("%s Number(%d) = %q, want %q", lang, n, got, want)
			}
		}
	}
}

func TestDate(t *testing.T) {
	c := load(t)
	day := time.Date(2019, 4, 25, 14, 5, 0, 0, Zone())
	for lang, want := range map[parasat.Language]string{
		parasat.Kazakh:  "25 сәуір 2019",
		parasat.Russian: "25 апреля 2019",
		parasat.English: "25 April 2019",
	} {
		l := c.For(lang)
		if got := l.Date(day); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
		if got := l.DateTime(day); got != want+" 14:05" {
			t.Errorf("%s DateTime = %q, want %q", lang, got, want+" 14:05")
		}
	}
	kk, ru := c.For(parasat.Kazakh), c.For(parasat.Russian)
	for m, want := range []string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
		"шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"} {
		d := time.Date(2026, time.Month(m+1), 1, 9, 0, 0, 0, time.UTC)
		if got := kk.Date(d); got != "1 "+want+" 2026" {
			t.Errorf("kk Date(%s) = %q", d.Month(), got)
		}
	}
	if got := ru.DateTime(time.Date(2024, 3, 8, 9, 7, 0, 0, time.UTC)); got != "8 марта 2024 09:07" {
		t.Errorf("ru DateTime = %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	for header, want := range map[string]parasat.Language{
		"":                                    parasat.Kazakh,
		"*":                                   parasat.Kazakh,
		"kk":                                  parasat.Kazakh,
		"kk-KZ":                               parasat.Kazakh,
		"kk-Latn":                             parasat.Kazakh,
		"ru":                                  parasat.Russian,
		"ru-RU":                               parasat.Russian,
		"ru-KZ,ru;q=0.9":                      parasat.Russian,
		"en-GB":                               parasat.English,
		"en-US,en;q=0.9":                      parasat.English,
		"ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7": parasat.Russian,
		"en;q=0.1,ru;q=0.9":                   parasat.Russian,
		"de-DE,de;q=0.9,en;q=0.8":             parasat.English,
		"fr,kk;q=0.5":                         parasat.Kazakh,
		"de":                                  parasat.Kazakh,
		"ru;q=0":                              parasat.Kazakh,
		"not a header;;;":                     parasat.Kazakh,
		"*;q=0.5, en-GB":                      parasat.English,
		"uz":                                  parasat.Russian,
		"kk-KZ,kk;q=0.9,ru-KZ;q=0.8,ru;q=0.7": parasat.Kazakh,
	} {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

// checkAlmaty checks the offsets of Asia/Almaty before and after the move
// to UTC+5 on 1 March 2024.
func checkAlmaty(t *testing.T, loc *time.Location) {
	t.Helper()
	if loc.String() != "Asia/Almaty" {
		t.Errorf("zone name %q", loc)
	}
	for utc, want := range map[time.Time]string{
		time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC):   "2024-06-01 17:00 +05",
		time.Date(2019, 4, 25, 8, 0, 0, 0, time.UTC):   "2019-04-25 14:00 +06",
		time.Date(2024, 2, 29, 17, 59, 0, 0, time.UTC): "2024-02-29 23:59 +06",
		time.Date(2024, 2, 29, 18, 0, 0, 0, time.UTC):  "2024-02-29 23:00 +05",
	} {
		if got := utc.In(loc).Format("2006-01-02 15:04 -07"); got != want {
			t.Errorf("%s in %s = %s, want %s", utc, loc, got, want)
		}
	}
}

func TestZone(t *testing.T) {
	if first, second := Zone(), Zone(); first != second {
		t.Error("Zone() loads the zone more than once")
	}
	checkAlmaty(t, Zone())
	checkAlmaty(t, fallbackZone()) // used when the system's tzdata is too old
}
