package importer

// The fields of every register, and the words spreadsheets in Kazakhstan
// head their columns with, in Kazakh, Russian and English, folded (lower
// case, Kazakh letters as their Russian look-alikes: see parasat.FoldForSearch).

const (
	FullName   Field = "full_name"
	IIN        Field = "iin"
	BirthDate  Field = "birth_date"
	SexField   Field = "sex"
	Region     Field = "region"
	LatinName  Field = "latin_name"
	Address    Field = "address"
	Phone      Field = "phone"
	Categories Field = "categories"
	Notes      Field = "notes"

	City           Field = "city"
	Email          Field = "email"
	Skills         Field = "skills"
	Languages      Field = "languages"
	Availability   Field = "availability"
	ConsentDate    Field = "consent_given_on"
	ConsentScope   Field = "consent_scope"
	EmergencyName  Field = "emergency_name"
	EmergencyPhone Field = "emergency_phone"
	ParentName     Field = "parent_name"
	ParentPhone    Field = "parent_phone"
	ParentConsent  Field = "parent_consent_on"

	Kind          Field = "kind"
	Name          Field = "name"
	BIN           Field = "bin"
	Website       Field = "website"
	PublicConsent Field = "public_consent"
)

var personName = []string{"фио", "ф.и.о.", "аты-жони", "аты жони", "толык аты", "толык аты-жони", "full name", "name",
	"фамилия имя отчество", "фамилия, имя, отчество", "аты", "имя"}

var headerWords = map[Field][]string{
	FullName:   personName,
	IIN:        {"иин", "жсн", "iin"},
	BirthDate:  {"дата рождения", "туган куни", "туган кун", "birth date", "date of birth", "д.р.", "дата рожд."},
	SexField:   {"пол", "жынысы", "sex", "gender"},
	Region:     {"регион", "область", "онир", "облыс", "region"},
	LatinName:  {"латиницей", "латын", "latin"},
	Address:    {"адрес", "мекенжай", "мекен-жай", "address"},
	Phone:      {"телефон", "тел", "тел.", "phone", "мобильный", "уялы телефон"},
	Categories: {"категория", "санат", "category", "categories"},
	Notes:      {"примечание", "примечания", "заметки", "ескертпе", "ескертпелер", "notes", "comment", "комментарий"},

	City:         {"город", "населенный пункт", "кала", "елди мекен", "city", "town"},
	Email:        {"email", "e-mail", "эл. почта", "электронная почта", "почта", "электрондык пошта", "пошта"},
	Skills:       {"навыки", "умения", "дагдылар", "биликтилик", "skills"},
	Languages:    {"языки", "язык", "тилдер", "тил", "languages"},
	Availability: {"когда может помогать", "доступность", "свободное время", "бос уакыт", "availability"},
	ConsentDate: {"дата согласия", "согласие", "согласие на обработку", "келисим", "келисим куни", "consent",
		"consent date", "date of consent"},
	ConsentScope:   {"цель согласия", "объем согласия", "келисим максаты", "consent scope", "scope of consent"},
	EmergencyName:  {"экстренный контакт", "контакт на экстренный случай", "кимге хабарласу", "emergency contact"},
	EmergencyPhone: {"телефон экстренного контакта", "экстренный телефон", "emergency phone", "emergency contact phone"},
	ParentName:     {"родитель", "фио родителя", "ата-ана", "ата-анасы", "parent", "parent name", "parent's name"},
	ParentPhone:    {"телефон родителя", "ата-ананын телефоны", "parent phone", "parent's phone"},
	ParentConsent: {"дата согласия родителя", "согласие родителя", "ата-ананын келисими", "parent consent",
		"parent's consent", "date of parent's consent"},

	Kind: {"тип", "вид", "лицо", "тулга", "тури", "kind", "type"},
	Name: append([]string{"наименование", "название", "атауы", "компания", "организация", "меценат", "патрон",
		"демеуши", "patron"}, personName...),
	BIN:           {"бин", "бсн", "bin", "иин/бин", "бин/иин"},
	Website:       {"сайт", "веб-сайт", "website", "web", "site"},
	PublicConsent: {"согласие на упоминание", "публично", "можно называть", "жария", "public", "public consent", "named publicly"},
}
