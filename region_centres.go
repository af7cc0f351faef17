package parasat

// The administrative centres of the regions in the three languages.
// regions.csv, the shared reference data, names them in English only; the
// Kazakh and Russian names are kept here, by the English one. Russian keeps
// the names in use in Russian (Уральск, Усть-Каменогорск, Петропавловск).
var centreNames = map[string]Names{
	"Semey":       {KK: "Семей", RU: "Семей", EN: "Semey"},
	"Kokshetau":   {KK: "Көкшетау", RU: "Кокшетау", EN: "Kokshetau"},
	"Aktobe":      {KK: "Ақтөбе", RU: "Актобе", EN: "Aktobe"},
	"Konayev":     {KK: "Қонаев", RU: "Конаев", EN: "Konayev"},
	"Atyrau":      {KK: "Атырау", RU: "Атырау", EN: "Atyrau"},
	"Oral":        {KK: "Орал", RU: "Уральск", EN: "Oral"},
	"Taraz":       {KK: "Тараз", RU: "Тараз", EN: "Taraz"},
	"Taldykorgan": {KK: "Талдықорған", RU: "Талдыкорган", EN: "Taldykorgan"},
	"Karaganda":   {KK: "Қарағанды", RU: "Караганда", EN: "Karaganda"},
	"Kostanay":    {KK: "Қостанай", RU: "Костанай", EN: "Kostanay"},
	"Kyzylorda":   {KK: "Қызылорда", RU: "Кызылорда", EN: "Kyzylorda"},
	"Aktau":       {KK: "Ақтау", RU: "Актау", EN: "Aktau"},
	"Pavlodar":    {KK: "Павлодар", RU: "Павлодар", EN: "Pavlodar"},
	"Petropavl":   {KK: "Петропавл", RU: "Петропавловск", EN: "Petropavl"},
	"Turkistan":   {KK: "Түркістан", RU: "Туркестан", EN: "Turkistan"},
	"Zhezkazgan":  {KK: "Жезқазған", RU: "Жезказган", EN: "Zhezkazgan"},
	"Oskemen":     {KK: "Өскемен", RU: "Усть-Каменогорск", EN: "Oskemen"},
	"Astana":      {KK: "Астана", RU: "Астана", EN: "Astana"},
	"Almaty":      {KK: "Алматы", RU: "Алматы", EN: "Almaty"},
	"Shymkent":    {KK: "Шымкент", RU: "Шымкент", EN: "Shymkent"},
}

// Centre returns the name of the region's administrative centre in lang,
// or the English name for a centre this table does not know.
func (r Region) Centre(lang Language) string {
	if n, ok := centreNames[r.CentreEN]; ok {
		return n.In(lang)
	}
	return r.CentreEN
}
