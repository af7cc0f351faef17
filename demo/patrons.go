package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// companySeed is a fictional company of the Club of patrons.
type companySeed struct {
	name, slug, region string
	registered         string // YYMM of registration, the first digits of its BIN
}

var companies = []companySeed{
	{"«Береке» ЖШС", "bereke", "KZ-71", "0803"},
	{"«Сарыарқа Логистик» ЖШС", "saryarka-logistic", "KZ-71", "1105"},
	{"ТОО «Есиль Строй Сервис»", "esil-stroi", "KZ-71", "0709"},
	{"«Алтын Дән» АҚ", "altyn-dan", "KZ-71", "0402"},
	{"ТОО «Степной хлеб»", "stepnoi-khleb", "KZ-71", "1210"},
	{"«Нұр Фарм» ЖШС", "nur-farm", "KZ-71", "1503"},
	{"«Жетісу Агро» ЖШС", "zhetisu-agro", "KZ-71", "1306"},
	{"ТОО «Астана Медикал Групп»", "astana-medical", "KZ-71", "1611"},
	{"«Қазына Тех» ЖШС", "kazyna-tech", "KZ-71", "1902"},
	{"«Шаңырақ Құрылыс» ЖШС", "shanyrak-kurylys", "KZ-71", "1007"},
	{"«Мейірім» ЖШС", "meirim", "KZ-71", "1704"},
	{"ТОО «Байтерек Трейд»", "baiterek-trade", "KZ-71", "0912"},
	{"«Көктем Сауда» ЖШС", "koktem-sauda", "KZ-71", "1408"},
	{"ТОО «Достык Авто»", "dostyk-avto", "KZ-71", "1101"},
	{"«Ақ Бидай» ЖШС", "ak-bidai", "KZ-71", "0605"},
	{"ТОО «Орда Принт»", "orda-print", "KZ-71", "1809"},
	{"«Тұлпар Транс» ЖШС", "tulpar-trans", "KZ-71", "2003"},
	{"ТОО «Арай Мебель»", "arai-mebel", "KZ-71", "2106"},
	{"ТОО «Караганда Уголь Сервис»", "karaganda-ugol", "KZ-35", "0010"},
	{"«Теміртау Металл» АҚ", "temirtau-metall", "KZ-35", "9907"},
	{"«Жезқазған Мыс Сервис» ЖШС", "zhezkazgan-mys", "KZ-35", "1512"},
	{"ТОО «Алатау Софт»", "alatau-soft", "KZ-75", "2201"},
}

// patronNotes are what a coordinator writes down about a patron.
var patronNotes = []string{
	"Жыл сайын Наурыз мерекесінде көпбалалы отбасыларға азық-түлік береді",
	"Ораза айында ауызашар береді",
	"«Мектепке жол» акциясына оқу құралдарын береді",
	"Ардагерлерге Жеңіс күніне сыйлық жасайды",
	"Су тасқынынан зардап шеккендерге жылу жинауға қатысты",
	"",
}

// demoBIN makes a valid BIN of a legal entity registered in yymm (head
// office), distinct for each serial and from taken.
func demoBIN(yymm string, serial int, taken map[string]bool) string {
	for s := serial; ; s += 1000 {
		first := fmt.Sprintf("%s40%05d", yymm, s%100000)
		for d := 0; d <= 9; d++ {
			if bin := first + strconv.Itoa(d); parasat.IdentityNumberProblem(bin) == "" && !taken[bin] {
				taken[bin] = true
				return bin
			}
		}
	}
}

// makePatrons makes the Club of patrons: the companies above and people of
// several communities; every second one agrees to be named publicly.
func makePatrons(ids map[string]int64) []*parasat.Patron {
	rng := rand.New(rand.NewPCG(2019, 426))
	taken := map[string]bool{}
	for _, s := range dataset {
		taken[s.bin] = true
	}
	supported := func(region string) []int64 {
		keys := map[string][]string{"KZ-71": append([]string{"mothers", "youth", "foundation"}, astanaAssociations...),
			"KZ-35": {keyKaraganda, "karaganda-german", "karaganda-korean"}}[region]
		var out []int64
		for range 1 + rng.IntN(3) {
			if len(keys) > 0 {
				out = append(out, ids[keys[rng.IntN(len(keys))]])
			}
		}
		return out
	}
	var out []*parasat.Patron
	for i, c := range companies {
		out = append(out, &parasat.Patron{Kind: parasat.PatronCompany, Name: c.name, BIN: demoBIN(c.registered, 100+i*37, taken),
			Region: c.region, SupportedOrganisations: supported(c.region), Notes: patronNotes[rng.IntN(len(patronNotes))],
			Contacts: parasat.Contacts{Phone: fmt.Sprintf("+7 7172 00 5%d %02d", i%10, 10+i), Email: c.slug + "@example.kz",
				Website: "https://" + c.slug + ".example.kz"}})
	}
	pools := []namePool{kazakhNames, kazakhNames, russianNames, otherNames["korean"], otherNames["german"],
		otherNames["uzbek"], otherNames["tatar"], otherNames["azerbaijani"]}
	regions := []string{"KZ-71", "KZ-71", "KZ-71", "KZ-35", "KZ-75"}
	for i := range 18 {
		p := pools[rng.IntN(len(pools))]
		first, last := p.male[rng.IntN(len(p.male))], p.surnames[rng.IntN(len(p.surnames))]
		if i%3 == 0 {
			first, last = p.female[rng.IntN(len(p.female))], feminineSurname(last)
		}
		region := regions[rng.IntN(len(regions))]
		out = append(out, &parasat.Patron{Kind: parasat.PatronPerson, Name: first + " " + last, Region: region,
			SupportedOrganisations: supported(region), Notes: patronNotes[rng.IntN(len(patronNotes))],
			Contacts: parasat.Contacts{Phone: fmt.Sprintf("+7 701 000 9%d %02d", i%10, 20+i),
				Email: fmt.Sprintf("%s.%s@example.kz", latin(first), latin(last))}})
	}
	for i, p := range out {
		p.PublicConsent = i%2 == 0
	}
	return out
}
