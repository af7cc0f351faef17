package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

// digitsOnly drops the spaces and dashes people write in IINs and BINs.
var digitsOnly = strings.NewReplacer(" ", "", "-", "")

// reader reads the values of a row, collecting what it cannot read.
type reader struct{ problems []parasat.FieldError }

// add records a problem with the value of field.
func (r *reader) add(field Field, e parasat.FieldError) {
	e.Field = string(field)
	r.problems = append(r.problems, e)
}

// date reads a date; an empty cell is no date.
func (r *reader) date(f Field, v string) parasat.Date {
	if v == "" {
		return parasat.Date{}
	}
	d, ok := parseDate(v)
	if !ok {
		r.add(f, parasat.FieldError{Code: "date", Message: "is not a date such as 15.03.1985"})
	}
	return d
}

// datePtr reads an optional date.
func (r *reader) datePtr(f Field, v string) *parasat.Date {
	if d := r.date(f, v); !d.IsZero() {
		return &d
	}
	return nil
}

// region reads a region by code or name. A code that names no region is a
// problem here; any other unknown value is left for validation to refuse.
func (r *reader) region(resolve func(string) (string, bool), v string) string {
	code, ok := resolve(v)
	if !ok && regionCode.MatchString(strings.ToUpper(strings.TrimSpace(v))) {
		r.add(Region, parasat.FieldError{Code: "region.unknown", Message: "no region has this code"})
	}
	return code
}

var regionCode = regexp.MustCompile(`^KZ-[0-9]{2}$`)

func (r *reader) categories(v string) []parasat.CategoryAssignment {
	cats, ok := parseCategories(v)
	if !ok {
		r.add(Categories, parasat.FieldError{Code: "category", Message: "names an unknown category"})
	}
	return cats
}

// parseDate reads the ways dates are written in Kazakhstan's spreadsheets:
// 15.03.1985, 15/03/1985, 1985-03-15, and Excel's serial numbers.
func parseDate(v string) (parasat.Date, bool) {
	for _, layout := range []string{"02.01.2006", "2.1.2006", "02/01/2006", "2006-01-02", "02-01-2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return parasat.Date{Time: t}, true
		}
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 80000 {
		// Excel counts days from 30 December 1899.
		return parasat.Date{Time: time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)}, true
	}
	return parasat.Date{}, false
}

// parseSex reads male/female in the three languages and their abbreviations.
func parseSex(v string) parasat.Sex {
	switch parasat.FoldForSearch(strings.Trim(v, " .")) {
	case "м", "муж", "мужской", "ер", "еркек", "m", "male":
		return parasat.Male
	case "ж", "жен", "женский", "айел", "f", "female":
		return parasat.Female
	}
	return parasat.Sex(v)
}

// categoryWords recognises category names in the three languages, folded.
var categoryWords = map[string]parasat.Category{
	"многодетная семья": parasat.CategoryLargeFamily, "копбалалы отбасы": parasat.CategoryLargeFamily, "large family": parasat.CategoryLargeFamily,
	"малообеспеченная семья": parasat.CategoryLowIncome, "малообеспеченные": parasat.CategoryLowIncome, "аз камтылган отбасы": parasat.CategoryLowIncome, "low-income family": parasat.CategoryLowIncome,
	"ветеран": parasat.CategoryVeteran, "ардагер": parasat.CategoryVeteran, "veteran": parasat.CategoryVeteran,
	"пенсионер": parasat.CategoryPensioner, "зейнеткер": parasat.CategoryPensioner, "pensioner": parasat.CategoryPensioner,
	"инвалид": parasat.CategoryDisability, "человек с инвалидностью": parasat.CategoryDisability, "мугедек": parasat.CategoryDisability, "disability": parasat.CategoryDisability,
	"сирота": parasat.CategoryOrphan, "жетим": parasat.CategoryOrphan, "orphan": parasat.CategoryOrphan,
	"ребенок с особыми потребностями": parasat.CategoryChildSpecialNeeds, "ерекше кажеттиликтери бар бала": parasat.CategoryChildSpecialNeeds,
	"одинокий пожилой": parasat.CategoryElderlyAlone, "жалгыз басты карт": parasat.CategoryElderlyAlone,
	"пострадавший от чс": parasat.CategoryDisasterVictim, "пострадавший от паводка": parasat.CategoryDisasterVictim, "табиги апаттан зардап шеккен": parasat.CategoryDisasterVictim,
	"другое": parasat.CategoryOther, "баска": parasat.CategoryOther, "other": parasat.CategoryOther,
}

func parseCategories(v string) ([]parasat.CategoryAssignment, bool) {
	out := []parasat.CategoryAssignment{}
	ok := true
	seen := map[parasat.Category]bool{}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		word := parasat.FoldForSearch(strings.TrimSpace(part))
		c, known := categoryWords[word]
		if !known && parasat.Category(word).Valid() {
			c, known = parasat.Category(word), true
		}
		if !known {
			ok = false
			continue
		}
		if !seen[c] {
			out = append(out, parasat.CategoryAssignment{Category: c})
			seen[c] = true
		}
	}
	return out, ok
}

// regionResolver finds a region by its code or by any of its names, folded,
// with or without the words "region", "облысы", "область", "город".
func regionResolver(regions []parasat.Region) func(string) (string, bool) {
	index := map[string]string{}
	short := map[string]map[string]bool{} // short name → the regions it may mean
	strip := strings.NewReplacer(" облысы", "", " область", "", "город ", "", " каласы", "", " region", "")
	for _, r := range regions {
		index[parasat.FoldForSearch(r.Code)] = r.Code
		for _, lang := range parasat.Languages {
			name := parasat.FoldForSearch(r.Name.In(lang))
			index[name] = r.Code
			s := strip.Replace(name)
			if short[s] == nil {
				short[s] = map[string]bool{}
			}
			short[s][r.Code] = true
		}
	}
	// A short name stands for a region only when it means one: "Алматы"
	// could be the city or the region, and must be written in full.
	for s, codes := range short {
		if _, full := index[s]; !full && len(codes) == 1 {
			for code := range codes {
				index[s] = code
			}
		}
	}
	return func(v string) (string, bool) {
		folded := parasat.FoldForSearch(strings.TrimSpace(v))
		if code, ok := index[folded]; ok {
			return code, true
		}
		return v, false // refused by validation with the value as typed
	}
}
