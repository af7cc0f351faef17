// Package i18n holds Parasat's translations and the formatting of numbers,
// money and dates for the web pages, in Kazakh (the state language, and the
// default), Russian and English.
//
// Messages live in go-i18n JSON catalogues embedded in the binary, one file
// per subject and language (locales/base.kk.json, locales/events.ru.json,
// …), keyed by dotted IDs such as "nav.organisations" or "count.events". A
// key is defined in exactly one subject; every subject has all three
// languages. Load parses them once at start-up;
// callers keep the *Catalog and ask it for a Localizer per request:
//
//	cat, err := i18n.Load()
//	...
//	l := cat.For(i18n.Negotiate(r.Header.Get("Accept-Language")))
//	l.T("org.created", "Name", org.Name)   // Организация «…» создана
//	l.N("count.organisations", 21)         // 21 организация
//	l.Money(1_400_000_000)                 // 14 000 000 ₸
//
// Messages are plain text, not HTML: html/template escapes them as usual.
// A Catalog and its Localizers are safe for concurrent use.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/parasat-kz/parasat"
)

//go:embed locales/*.json
var locales embed.FS

// Catalog holds the parsed message catalogues of all three languages.
type Catalog struct {
	bundle *goi18n.Bundle
	ids    map[parasat.Language]map[string]bool
}

// Load parses the embedded catalogues. It fails only if a catalogue is
// missing or malformed, which the tests rule out.
func Load() (*Catalog, error) {
	b := goi18n.NewBundle(tag(parasat.Kazakh))
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, ids: make(map[parasat.Language]map[string]bool)}
	for _, lang := range parasat.Languages {
		names, err := CatalogueFiles(lang)
		if err != nil {
			return nil, err
		}
		ids := map[string]bool{}
		for _, name := range names {
			buf, err := locales.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("i18n: %w", err)
			}
			mf, err := b.ParseMessageFileBytes(buf, name)
			if err != nil {
				return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
			}
			for _, m := range mf.Messages {
				if ids[m.ID] {
					return nil, fmt.Errorf("i18n: %s defines %q again", name, m.ID)
				}
				ids[m.ID] = true
			}
		}
		c.ids[lang] = ids
	}
	return c, nil
}

// CatalogueFiles lists the embedded catalogue files of one language
// (locales/<subject>.<lang>.json), sorted by name.
func CatalogueFiles(lang parasat.Language) ([]string, error) {
	names, err := fs.Glob(locales, "locales/*."+string(lang)+".json")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("i18n: no catalogue for %s", lang)
	}
	return names, nil
}

// CatalogueFile returns the content of one embedded catalogue file named by CatalogueFiles.
func CatalogueFile(name string) ([]byte, error) { return locales.ReadFile(name) }

// For returns a Localizer for lang; an unknown language gives Kazakh.
func (c *Catalog) For(lang parasat.Language) *Localizer {
	if _, ok := c.ids[lang]; !ok {
		lang = parasat.Kazakh
	}
	return &Localizer{
		lang: lang,
		ids:  c.ids[lang],
		loc:  goi18n.NewLocalizer(c.bundle, string(lang)),
	}
}

// Localizer renders messages, numbers, money and dates in one language.
type Localizer struct {
	lang parasat.Language
	ids  map[string]bool
	loc  *goi18n.Localizer
}

// Lang returns the localizer's language.
func (l *Localizer) Lang() parasat.Language { return l.lang }

// Has reports whether the catalogue of l's language defines the message key.
func (l *Localizer) Has(key string) bool { return l.ids[key] }

// T returns the message key with template data given as alternating
// name/value pairs: T("org.created", "Name", name) fills {{.Name}}.
// A message missing from the catalogues never panics: T returns the key
// itself, so it shows on the page and in tests (see also Has). A message
// missing only from this language falls back to the Kazakh one.
func (l *Localizer) T(key string, args ...any) string {
	return l.localize(key, nil, pairs(args))
}

// N returns the plural message key in the form that count needs in l's
// language (Russian: 1 организация, 2 организации, 5 организаций). In the
// message, {{.Count}} is the count formatted like Number ("1 200"); args
// are further name/value pairs as for T.
func (l *Localizer) N(key string, count int, args ...any) string {
	data := pairs(args)
	data["Count"] = l.Number(int64(count))
	return l.localize(key, count, data)
}

func (l *Localizer) localize(key string, count any, data map[string]any) string {
	msg, err := l.loc.Localize(&goi18n.LocalizeConfig{
		MessageID:    key,
		TemplateData: data,
		PluralCount:  count,
	})
	if msg == "" && err != nil {
		return key
	}
	return msg
}

// pairs turns alternating name/value arguments into template data. A name
// that is not a string is formatted with fmt; a name without a value gets "".
func pairs(args []any) map[string]any {
	data := make(map[string]any, len(args)/2+1)
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			name = fmt.Sprint(args[i])
		}
		var v any = ""
		if i+1 < len(args) {
			v = args[i+1]
		}
		data[name] = v
	}
	return data
}

// tag returns the BCP 47 tag of a Parasat language.
func tag(lang parasat.Language) language.Tag {
	switch lang {
	case parasat.Russian:
		return language.Russian
	case parasat.English:
		return language.English
	}
	return language.Kazakh
}
