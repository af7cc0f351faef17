package parasat

// Language is one of the languages Parasat speaks.
type Language string

const (
	Kazakh  Language = "kk"
	Russian Language = "ru"
	English Language = "en"
)

// Languages lists the supported languages, the state language first.
var Languages = []Language{Kazakh, Russian, English}

// Names holds a name in up to three languages.
type Names struct {
	KK string `json:"kk,omitempty" doc:"Name in Kazakh (Cyrillic)"`
	RU string `json:"ru,omitempty" doc:"Name in Russian"`
	EN string `json:"en,omitempty" doc:"Name in English"`
}

// In returns the name in lang, or "" when it has none in that language.
func (n Names) In(lang Language) string {
	switch lang {
	case Kazakh:
		return n.KK
	case Russian:
		return n.RU
	case English:
		return n.EN
	}
	return ""
}

// Best returns the name in lang, falling back to the other languages in the
// order Kazakh, Russian, English so that something is always shown.
func (n Names) Best(lang Language) string {
	if s := n.In(lang); s != "" {
		return s
	}
	for _, l := range Languages {
		if s := n.In(l); s != "" {
			return s
		}
	}
	return ""
}

// IsEmpty reports whether no language has a name.
func (n Names) IsEmpty() bool { return n.KK == "" && n.RU == "" && n.EN == "" }
