package demo

import "github.com/parasat-kz/parasat"

// seed is one organisation of the demo dataset. Organisations refer to their
// parent by key, because database IDs exist only once the parent is stored;
// a parent therefore always comes before its children in dataset.
type seed struct {
	key, parent string
	typ         parasat.OrganisationType
	region      string
	kk, ru, en  string
	bin         string // empty for bodies that are not legal entities of their own
	phone       string
	email       string
	address     string
}

// organisation returns the seed as a domain value, without its parent.
func (s seed) organisation() parasat.Organisation {
	return parasat.Organisation{
		Name:   parasat.Names{KK: s.kk, RU: s.ru, EN: s.en},
		Type:   s.typ,
		Region: s.region,
		BIN:    s.bin,
		Contacts: parasat.Contacts{
			Phone: s.phone, Email: s.email, Address: s.address,
		},
	}
}

// Keys of the organisations the rest of the dataset hangs from.
const (
	keyNational  = "national"
	keyAstana    = "astana"
	keyKaraganda = "karaganda"
)

// Addresses shared by several organisations: ethno-cultural associations of
// a city usually have their offices in its House of Friendship.
const (
	astanaHouse    = "Астана қ., Мәңгілік Ел даңғылы, Достық үйі, "
	karagandaHouse = "Қарағанды қ., Бұқар жырау даңғылы, Достық үйі, "
)

// dataset is the demo data: fictional but plausible organisations. The BINs
// are made up (with correct check digits) and the phone numbers use the
// "00" exchange, which is not issued, so that no one dials a real office;
// every e-mail address is on example.kz. Nothing here is a statistic.
var dataset = []seed{
	{key: keyNational, typ: parasat.OrgAssembly, region: "KZ-71",
		kk:    "Қазақстан халқы Ассамблеясының Хатшылығы",
		ru:    "Секретариат Ассамблеи народа Казахстана",
		en:    "Secretariat of the Assembly of People of Kazakhstan",
		phone: "+7 7172 00 01 00", email: "secretariat@example.kz",
		address: "Астана қ., Тәуелсіздік даңғылы, Бейбітшілік және келісім сарайы"},

	// The capital's Assembly and the organisations that work with it.
	{key: keyAstana, parent: keyNational, typ: parasat.OrgAssembly, region: "KZ-71",
		kk:  "Астана қаласының Қазақстан халқы Ассамблеясы",
		ru:  "Ассамблея народа Казахстана города Астаны",
		en:  "Assembly of People of Kazakhstan of Astana",
		bin: "981040007547", phone: "+7 7172 00 02 00", email: "astana.assembly@example.kz",
		address: astanaHouse + "101-кабинет"},
	{key: "kazakh", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "«Атамекен» қазақ этномәдени бірлестігі",
		ru:  "Казахское этнокультурное объединение «Атамекен»",
		en:  "Atameken Kazakh Ethno-Cultural Association",
		bin: "110240019466", phone: "+7 7172 00 02 11", email: "atameken@example.kz",
		address: astanaHouse + "201-кабинет"},
	{key: "russian", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының орыс этномәдени бірлестігі",
		ru:  "Русское этнокультурное объединение города Астаны",
		en:  "Russian Ethno-Cultural Association of Astana",
		bin: "010740022815", phone: "+7 7172 00 02 12", email: "russian.astana@example.kz",
		address: astanaHouse + "202-кабинет"},
	{key: "uzbek", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының өзбек этномәдени орталығы",
		ru:  "Узбекский этнокультурный центр города Астаны",
		en:  "Uzbek Ethno-Cultural Centre of Astana",
		bin: "030340005690", phone: "+7 7172 00 02 13", email: "uzbek.astana@example.kz",
		address: astanaHouse + "203-кабинет"},
	{key: "ukrainian", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының украин этномәдени бірлестігі",
		ru:  "Украинское этнокультурное объединение города Астаны",
		en:  "Ukrainian Ethno-Cultural Association of Astana",
		bin: "051140031202", phone: "+7 7172 00 02 14", email: "ukrainian.astana@example.kz",
		address: astanaHouse + "204-кабинет"},
	{key: "uyghur", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:    "Астана қаласының ұйғыр этномәдени орталығы",
		ru:    "Уйгурский этнокультурный центр города Астаны",
		en:    "Uyghur Ethno-Cultural Centre of Astana",
		phone: "+7 7172 00 02 15", email: "uyghur.astana@example.kz",
		address: astanaHouse + "205-кабинет"},
	{key: "tatar", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының татар этномәдени бірлестігі",
		ru:  "Татарское этнокультурное объединение города Астаны",
		en:  "Tatar Ethno-Cultural Association of Astana",
		bin: "000440014360", phone: "+7 7172 00 02 16", email: "tatar.astana@example.kz",
		address: astanaHouse + "206-кабинет"},
	{key: "german", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының неміс этномәдени орталығы",
		ru:  "Немецкий этнокультурный центр города Астаны",
		en:  "German Ethno-Cultural Centre of Astana",
		bin: "040640008251", phone: "+7 7172 00 02 17", email: "german.astana@example.kz",
		address: astanaHouse + "207-кабинет"},
	{key: "korean", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының кәріс этномәдени бірлестігі",
		ru:  "Корейское этнокультурное объединение города Астаны",
		en:  "Korean Ethno-Cultural Association of Astana",
		bin: "070540003173", phone: "+7 7172 00 02 18", email: "korean.astana@example.kz",
		address: astanaHouse + "208-кабинет"},
	{key: "azerbaijani", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының әзербайжан этномәдени орталығы",
		ru:  "Азербайджанский этнокультурный центр города Астаны",
		en:  "Azerbaijani Ethno-Cultural Centre of Astana",
		bin: "090240026482", phone: "+7 7172 00 02 19", email: "azerbaijani.astana@example.kz",
		address: astanaHouse + "209-кабинет"},
	{key: "turkish", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:    "Астана қаласының түрік этномәдени бірлестігі",
		ru:    "Турецкое этнокультурное объединение города Астаны",
		en:    "Turkish Ethno-Cultural Association of Astana",
		phone: "+7 7172 00 02 20", email: "turkish.astana@example.kz",
		address: astanaHouse + "210-кабинет"},
	{key: "dungan", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:    "Астана қаласының дүнген этномәдени бірлестігі",
		ru:    "Дунганское этнокультурное объединение города Астаны",
		en:    "Dungan Ethno-Cultural Association of Astana",
		phone: "+7 7172 00 02 21", email: "dungan.astana@example.kz",
		address: astanaHouse + "211-кабинет"},
	{key: "vainakh", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "«Вайнах» шешен-ингуш этномәдени бірлестігі",
		ru:  "Чечено-ингушское этнокультурное объединение «Вайнах»",
		en:  "Vainakh Chechen-Ingush Ethno-Cultural Association",
		bin: "021240004917", phone: "+7 7172 00 02 22", email: "vainakh@example.kz",
		address: astanaHouse + "212-кабинет"},
	{key: "polish", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:  "Астана қаласының поляк этномәдени орталығы",
		ru:  "Польский этнокультурный центр города Астаны",
		en:  "Polish Ethno-Cultural Centre of Astana",
		bin: "120340019372", phone: "+7 7172 00 02 23", email: "polish.astana@example.kz",
		address: astanaHouse + "213-кабинет"},
	{key: "jewish", parent: keyAstana, typ: parasat.OrgEthnoCultural, region: "KZ-71",
		kk:    "Астана қаласының еврей этномәдени бірлестігі",
		ru:    "Еврейское этнокультурное объединение города Астаны",
		en:    "Jewish Ethno-Cultural Association of Astana",
		phone: "+7 7172 00 02 24", email: "jewish.astana@example.kz",
		address: astanaHouse + "214-кабинет"},
	{key: "mothers", parent: keyAstana, typ: parasat.OrgMothersCouncil, region: "KZ-71",
		kk:    "Астана қаласы Қазақстан халқы Ассамблеясының Аналар кеңесі",
		ru:    "Совет матерей Ассамблеи народа Казахстана города Астаны",
		en:    "Council of Mothers of the Assembly of People of Kazakhstan of Astana",
		phone: "+7 7172 00 02 30", email: "mothers.astana@example.kz",
		address: astanaHouse + "105-кабинет"},
	{key: "youth", parent: keyAstana, typ: parasat.OrgYouthWing, region: "KZ-71",
		kk:    "Астана қаласы Қазақстан халқы Ассамблеясының жастар қанаты",
		ru:    "Молодёжное крыло Ассамблеи народа Казахстана города Астаны",
		en:    "Youth Wing of the Assembly of People of Kazakhstan of Astana",
		phone: "+7 7172 00 02 31", email: "youth.astana@example.kz",
		address: astanaHouse + "106-кабинет"},
	{key: "patrons", parent: keyAstana, typ: parasat.OrgPatronsClub, region: "KZ-71",
		kk:    "«Парасат» меценаттар клубы",
		ru:    "Клуб меценатов «Парасат»",
		en:    "Parasat Club of Patrons",
		phone: "+7 7172 00 02 32", email: "patrons.parasat@example.kz",
		address: astanaHouse + "107-кабинет"},
	{key: "foundation", parent: keyAstana, typ: parasat.OrgFoundation, region: "KZ-71",
		kk:  "«Достық шуағы» қайырымдылық қоры",
		ru:  "Благотворительный фонд «Достық шуағы»",
		en:  "Dostyk Shuagy Charitable Foundation",
		bin: "160540001324", phone: "+7 7172 00 02 40", email: "dostyk.shuagy@example.kz",
		address: "Астана қ., Сарыарқа ауданы, Бейбітшілік көшесі, 18, 4-кеңсе"},

	// A second region, so that filtering by region shows a difference.
	{key: keyKaraganda, parent: keyNational, typ: parasat.OrgAssembly, region: "KZ-35",
		kk:  "Қарағанды облысының Қазақстан халқы Ассамблеясы",
		ru:  "Ассамблея народа Казахстана Карагандинской области",
		en:  "Assembly of People of Kazakhstan of Karaganda Region",
		bin: "950940011282", phone: "+7 7212 00 03 00", email: "karaganda.assembly@example.kz",
		address: karagandaHouse + "101-кабинет"},
	{key: "karaganda-german", parent: keyKaraganda, typ: parasat.OrgEthnoCultural, region: "KZ-35",
		kk:  "Қарағанды облысының неміс этномәдени орталығы",
		ru:  "Немецкий этнокультурный центр Карагандинской области",
		en:  "German Ethno-Cultural Centre of Karaganda Region",
		bin: "971140018633", phone: "+7 7212 00 03 11", email: "german.karaganda@example.kz",
		address: karagandaHouse + "201-кабинет"},
	{key: "karaganda-korean", parent: keyKaraganda, typ: parasat.OrgEthnoCultural, region: "KZ-35",
		kk:  "Қарағанды облысының кәріс этномәдени бірлестігі",
		ru:  "Корейское этнокультурное объединение Карагандинской области",
		en:  "Korean Ethno-Cultural Association of Karaganda Region",
		bin: "081040033171", phone: "+7 7212 00 03 12", email: "korean.karaganda@example.kz",
		address: karagandaHouse + "202-кабинет"},
}
