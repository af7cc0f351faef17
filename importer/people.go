package importer

import (
	"strings"

	"github.com/parasat-kz/parasat"
)

// VolunteerFields lists the fields of an import of volunteers.
var VolunteerFields = []Field{FullName, BirthDate, Region, City, Phone, Email, ConsentDate, ConsentScope, Skills, Languages,
	Availability, EmergencyName, EmergencyPhone, ParentName, ParentPhone, ParentConsent}

// Volunteers is the schema of volunteers, checked on today in Kazakhstan.
// The law asks for each volunteer's consent, so its date is a required
// column; scope is the consent's purpose for rows that do not state it.
// The volunteers an organisation lists are its own: they are imported
// approved, by the person importing. A volunteer is known by name and birth date.
func Volunteers(regions []parasat.Region, skills []parasat.Skill, today parasat.Date, scope string) Schema[*parasat.Volunteer] {
	resolve, skill := regionResolver(regions), skillResolver(skills)
	return Schema[*parasat.Volunteer]{
		Kind:     "volunteers",
		Fields:   VolunteerFields,
		Required: []Field{FullName, BirthDate, Region, ConsentDate},
		Read: func(v map[Field]string) (*parasat.Volunteer, []parasat.FieldError) {
			var r reader
			vol := &parasat.Volunteer{FullName: v[FullName], BirthDate: r.date(BirthDate, v[BirthDate]),
				Region: r.region(resolve, v[Region]), City: v[City], Phone: v[Phone], Email: v[Email],
				Consent:          parasat.Consent{GivenOn: r.datePtr(ConsentDate, v[ConsentDate]), Scope: v[ConsentScope]},
				EmergencyContact: parasat.EmergencyContact{Name: v[EmergencyName], Phone: v[EmergencyPhone]},
				Organisations:    []int64{}, Status: parasat.VolunteerApproved}
			if vol.Consent.Scope == "" {
				vol.Consent.Scope = scope
			}
			vol.Skills = r.skills(skill, v[Skills])
			vol.Languages, vol.OtherLanguages = parseLanguages(v[Languages])
			vol.Availability = r.availability(v[Availability])
			if v[ParentName] != "" || v[ParentPhone] != "" || v[ParentConsent] != "" {
				vol.ParentConsent = &parasat.ParentConsent{Name: v[ParentName], Phone: v[ParentPhone],
					GivenOn: r.date(ParentConsent, v[ParentConsent])}
			}
			vol.Normalize()
			return vol, r.problems
		},
		Validate: func(v *parasat.Volunteer) error { return v.Validate(today) },
		Repeated: parasat.FieldError{Field: "full_name", Code: "volunteer.twice_in_file",
			Message: "the same name and birth date are on an earlier line"},
		Columns: map[string]Field{"consent": ConsentDate, "consent.given_on": ConsentDate, "consent.scope": ConsentScope,
			"emergency_contact.name": EmergencyName, "emergency_contact.phone": EmergencyPhone,
			"parent_consent": ParentName, "parent_consent.name": ParentName, "parent_consent.phone": ParentPhone,
			"parent_consent.given_on": ParentConsent, "other_languages": Languages},
	}
}

// PatronFields lists the fields of an import of patrons.
var PatronFields = []Field{Name, Kind, BIN, Region, Phone, Email, Website, Address, PublicConsent, Notes}

// Patrons is the schema of the Club of patrons. A company is known by its
// BIN, a person by name and phone or e-mail. Without a kind column a row
// with a BIN is a company and one without is a person.
func Patrons(regions []parasat.Region) Schema[*parasat.Patron] {
	resolve := regionResolver(regions)
	return Schema[*parasat.Patron]{
		Kind:     "patrons",
		Fields:   PatronFields,
		Required: []Field{Name, Region},
		Read: func(v map[Field]string) (*parasat.Patron, []parasat.FieldError) {
			var r reader
			p := &parasat.Patron{Name: v[Name], BIN: digitsOnly.Replace(v[BIN]),
				Region: r.region(resolve, v[Region]), Notes: v[Notes], SupportedOrganisations: []int64{},
				Contacts:      parasat.Contacts{Phone: v[Phone], Email: v[Email], Website: v[Website], Address: v[Address]},
				PublicConsent: r.yes(PublicConsent, v[PublicConsent])}
			p.Kind = parsePatronKind(v[Kind], p.BIN)
			p.Normalize()
			return p, r.problems
		},
		Validate: func(p *parasat.Patron) error { return p.Validate() },
		Repeated: parasat.FieldError{Field: "name", Code: "patron.twice_in_file",
			Message: "the same patron is on an earlier line"},
		Columns: map[string]Field{"contacts.phone": Phone, "contacts.email": Email, "contacts.website": Website,
			"contacts.address": Address},
	}
}

// words splits a cell listing several values: "вождение, медицина; IT".
func words(v string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '\n' }) {
		if w := parasat.FoldForSearch(strings.Join(strings.Fields(part), " ")); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// skillResolver finds a skill by its code or its name in any language, or
// by the first words of a name when they mean one skill: "вождение" is
// "Вождение автомобиля".
func skillResolver(skills []parasat.Skill) map[string]string {
	index := map[string]string{}
	starts := map[string]map[string]bool{} // first words of a name → the skills they begin
	for _, s := range skills {
		index[s.Code] = s.Code
		for _, n := range []string{s.Names.KK, s.Names.RU, s.Names.EN} {
			words := strings.Fields(parasat.FoldForSearch(n))
			for i := 1; i < len(words); i++ {
				start := strings.Join(words[:i], " ")
				if starts[start] == nil {
					starts[start] = map[string]bool{}
				}
				starts[start][s.Code] = true
			}
			if len(words) > 0 {
				index[strings.Join(words, " ")] = s.Code
			}
		}
	}
	for start, codes := range starts {
		if _, full := index[start]; !full && len(codes) == 1 {
			for code := range codes {
				index[start] = code
			}
		}
	}
	return index
}

func (r *reader) skills(index map[string]string, v string) []string {
	out := []string{}
	for _, w := range words(v) {
		code, ok := index[w]
		if !ok {
			r.add(Skills, parasat.FieldError{Code: "skill.unknown", Message: "is not in the list of skills"})
			continue
		}
		out = append(out, code)
	}
	return out
}

var languageWords = map[string]parasat.Language{
	"kk": parasat.Kazakh, "казахский": parasat.Kazakh, "казахский язык": parasat.Kazakh, "казак": parasat.Kazakh,
	"казак тили": parasat.Kazakh, "казакша": parasat.Kazakh, "kazakh": parasat.Kazakh,
	"ru": parasat.Russian, "русский": parasat.Russian, "русский язык": parasat.Russian, "орыс": parasat.Russian,
	"орыс тили": parasat.Russian, "орысша": parasat.Russian, "russian": parasat.Russian,
	"en": parasat.English, "английский": parasat.English, "английский язык": parasat.English, "агылшын": parasat.English,
	"агылшын тили": parasat.English, "агылшынша": parasat.English, "english": parasat.English,
}

// parseLanguages reads the languages Parasat knows; the others (Uzbek,
// Uyghur, German…) are kept as written among the other languages.
func parseLanguages(v string) ([]parasat.Language, string) {
	langs := []parasat.Language{}
	var other []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
		part = strings.TrimSpace(part)
		if l, ok := languageWords[parasat.FoldForSearch(part)]; ok {
			langs = append(langs, l)
		} else if part != "" {
			other = append(other, part)
		}
	}
	return langs, strings.Join(other, ", ")
}

var always = parasat.Availability{Weekdays: true, Evenings: true, Weekends: true}

var availabilityWords = map[string]parasat.Availability{
	"будни": {Weekdays: true}, "будние дни": {Weekdays: true}, "по будням": {Weekdays: true},
	"жумыс кундери": {Weekdays: true}, "weekdays": {Weekdays: true},
	"вечер": {Evenings: true}, "вечера": {Evenings: true}, "вечером": {Evenings: true}, "по вечерам": {Evenings: true},
	"кешке": {Evenings: true}, "кешкиси": {Evenings: true}, "evenings": {Evenings: true},
	"выходные": {Weekends: true}, "по выходным": {Weekends: true}, "демалыс": {Weekends: true},
	"демалыс кундери": {Weekends: true}, "weekends": {Weekends: true},
	"всегда": always, "любое время": always, "кез келген уакытта": always,
	"any time": always,
}

func (r *reader) availability(v string) parasat.Availability {
	var a parasat.Availability
	for _, w := range words(v) {
		got, ok := availabilityWords[w]
		if !ok {
			r.add(Availability, parasat.FieldError{Code: "availability", Message: "write weekdays, evenings or weekends"})
			continue
		}
		a.Weekdays, a.Evenings, a.Weekends = a.Weekdays || got.Weekdays, a.Evenings || got.Evenings, a.Weekends || got.Weekends
	}
	return a
}

var yesWords, noWords = map[string]bool{"да": true, "иа": true, "ия": true, "yes": true, "y": true, "1": true, "+": true,
	"true": true, "согласен": true, "согласна": true, "келисемин": true},
	map[string]bool{"": true, "нет": true, "жок": true, "no": true, "n": true, "0": true, "-": true, "false": true}

// yes reads a yes or no; an empty cell is no.
func (r *reader) yes(f Field, v string) bool {
	w := parasat.FoldForSearch(strings.Trim(v, " ."))
	if !yesWords[w] && !noWords[w] {
		r.add(f, parasat.FieldError{Code: "yes_no", Message: "write yes or no"})
	}
	return yesWords[w]
}

var patronKindWords = map[string]parasat.PatronKind{
	"частное лицо": parasat.PatronPerson, "физическое лицо": parasat.PatronPerson, "физ. лицо": parasat.PatronPerson,
	"физлицо": parasat.PatronPerson, "жеке тулга": parasat.PatronPerson, "person": parasat.PatronPerson,
	"individual": parasat.PatronPerson, "компания": parasat.PatronCompany, "юридическое лицо": parasat.PatronCompany,
	"юр. лицо": parasat.PatronCompany, "юрлицо": parasat.PatronCompany, "занды тулга": parasat.PatronCompany,
	"организация": parasat.PatronCompany, "company": parasat.PatronCompany,
}

func parsePatronKind(v, bin string) parasat.PatronKind {
	w := parasat.FoldForSearch(strings.Join(strings.Fields(v), " "))
	if k, ok := patronKindWords[w]; ok {
		return k
	}
	if k := parasat.PatronKind(w); k.Valid() {
		return k
	}
	switch {
	case w != "":
		return parasat.PatronKind(v) // refused by validation as written
	case bin != "":
		return parasat.PatronCompany
	}
	return parasat.PatronPerson
}
