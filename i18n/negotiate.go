package i18n

import (
	"golang.org/x/text/language"

	"github.com/parasat-kz/parasat"
)

// supported lists the languages in the order of matcher's tags.
var supported = [...]parasat.Language{parasat.Kazakh, parasat.Russian, parasat.English}

// matcher picks among the supported languages; it is immutable, so sharing
// it is safe.
var matcher = language.NewMatcher([]language.Tag{language.Kazakh, language.Russian, language.English})

// Negotiate returns the best of Kazakh, Russian and English for an
// Accept-Language header ("kk-KZ", "ru-RU,ru;q=0.9,en;q=0.8", "en-GB", …),
// honouring the q-values. When nothing matches — an empty or malformed
// header, "*", or only other languages — it returns Kazakh, the state
// language.
//
// Matching follows CLDR, which also sends speakers of some languages of the
// region that have no catalogue here (Uzbek, Kyrgyz, Tatar, Belarusian) to
// Russian. A Kazakh tag in another script ("kk-Latn") still gives Kazakh.
func Negotiate(acceptLanguage string) parasat.Language {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	if len(tags) == 0 {
		return parasat.Kazakh
	}
	if _, i, conf := matcher.Match(tags...); conf != language.No {
		return supported[i]
	}
	// The matcher treats a different script as no match; the catalogues are
	// Cyrillic Kazakh, still the best we have for "kk-Latn" or "kk-Arab".
	for _, t := range tags {
		base, _ := t.Base()
		for _, lang := range supported {
			if base.String() == string(lang) {
				return lang
			}
		}
	}
	return parasat.Kazakh
}
