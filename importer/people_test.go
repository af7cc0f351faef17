package importer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/spreadsheet"
)

func readCSV(t *testing.T, lines ...string) *spreadsheet.Table {
	t.Helper()
	table, err := spreadsheet.Read(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return table
}

// matchKeys pretends that the records with these identity keys are registered, as id 90.
func matchKeys[T Record](keys ...string) Match[T] {
	return func(_ context.Context, list []T) ([]int64, error) {
		ids := make([]int64, len(list))
		for i, r := range list {
			for _, k := range r.IdentityKeys() {
				for _, known := range keys {
					if k == known {
						ids[i] = 90
					}
				}
			}
		}
		return ids, nil
	}
}

// reasons gives the field and code of each rejected line's first problem.
func reasons[T any](p *Preview[T]) string {
	var out []string
	for _, r := range p.Rejected {
		out = append(out, fmt.Sprintf("%d:%s/%s", r.Line, r.Problems[0].Field, r.Problems[0].Code))
	}
	return strings.Join(out, " ")
}

var skills = []parasat.Skill{{Code: "driving", Names: parasat.Names{KK: "Көлік жүргізу", RU: "Вождение автомобиля", EN: "Driving"}},
	{Code: "medical", Names: parasat.Names{KK: "Медициналық көмек", RU: "Медицинская помощь", EN: "Medical care"}}}

func TestVolunteersFromAKazakhAndRussianSheet(t *testing.T) {
	table := readCSV(t,
		"Аты-жөні;Туған күні;Облыс;Телефон;Келісім күні;Навыки;Языки;Доступность;Родитель;Телефон родителя;Согласие родителя",
		"Серікова Әсел;02.03.1999;Астана;+7 701 111 22 33;01.09.2026;Вождение, medical;қазақша, русский, узбекский;выходные, вечера;;;",
		"Нұрланов Айбек;10.10.2010;KZ-71;+7 702 000 00 01;01.09.2026;;kk;будни;Нұрланова Гүлнар;+7 702 000 00 02;01.09.2026",
		"Жас Бала;10.10.2011;KZ-71;+7 702 000 00 03;01.09.2026;;;;;;",
		"Келісімсіз Адам;01.01.1990;KZ-71;+7 702 000 00 04;;;;;;;",
		"Білімсіз Адам;01.01.1991;KZ-71;+7 702 000 00 05;01.09.2026;жонглирование;;;;;",
		"Серікова Әсел;02.03.1999;Астана;+7 701 999 99 99;01.09.2026;;;;;;",
		"Бұрынғы Ерікті;05.05.1995;KZ-71;+7 702 000 00 06;01.09.2026;;;;;;",
		"Кейде Келеді;05.05.1996;KZ-71;+7 702 000 00 07;01.09.2026;;;иногда;;;",
	)
	schema := Volunteers(parasat.KazakhstanRegions(), skills, parasat.Date{Time: mustDate("2026-11-24")}, "волонтёрство")
	m := GuessMapping(table.Header, schema.Fields)
	want := Mapping{0: FullName, 1: BirthDate, 2: Region, 3: Phone, 4: ConsentDate, 5: Skills, 6: Languages, 7: Availability,
		8: ParentName, 9: ParentPhone, 10: ParentConsent}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Fatalf("guessed %v; want %v", m, want)
	}
	p, err := Check(context.Background(), table, m, schema,
		matchKeys[*parasat.Volunteer]("volunteer:бурынгы ерикти|1995-05-05"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Valid) != 2 {
		t.Fatalf("valid rows: %+v; rejected: %s", p.Valid, reasons(p))
	}
	a := p.Valid[0].Record
	if a.Region != "KZ-71" || fmt.Sprint(a.Skills) != "[driving medical]" || fmt.Sprint(a.Languages) != "[kk ru]" ||
		a.OtherLanguages != "узбекский" || a.Availability != (parasat.Availability{Evenings: true, Weekends: true}) ||
		a.Consent.Scope != "волонтёрство" || a.Status != parasat.VolunteerApproved || a.ParentConsent != nil {
		t.Errorf("line 2 read as %+v", a)
	}
	if pc := p.Valid[1].Record.ParentConsent; pc == nil || pc.Name != "Нұрланова Гүлнар" || pc.GivenOn.String() != "2026-09-01" {
		t.Errorf("the minor's parent consent: %+v", pc)
	}
	wantReasons := "4:parent_name/volunteer.parent_consent 5:consent_given_on/volunteer.consent 6:skills/skill.unknown " +
		"7:full_name/volunteer.twice_in_file 9:availability/availability"
	if got := reasons(p); got != wantReasons {
		t.Errorf("rejected = %s\nwant       %s", got, wantReasons)
	}
	if len(p.Existing) != 1 || p.Existing[0].Line != 8 || p.Existing[0].ExistingID != 90 {
		t.Errorf("existing = %+v", p.Existing)
	}
}

func TestPatronsCompaniesByBINPeopleByNameAndContact(t *testing.T) {
	bin := "180240000005"
	if parasat.IdentityNumberProblem(bin) != "" {
		bin = fixCheckDigit(bin)
	}
	other := fixCheckDigit("190440000009")
	table := readCSV(t,
		"Наименование;Тип;БИН;Регион;Телефон;E-mail;Публично",
		`"ТОО ""Береке""";;`+bin+`;Астана;+7 7172 00 00 00;;да`,
		"Омарова Сәуле;частное лицо;;Алматы қаласы;8 701 123 45 67;;нет",
		"Омарова Сәуле;;;Алматы қаласы;+7 (701) 123-45-67;;",
		"Компания без БИН;компания;;KZ-71;;;",
		"Ошибка БИН;;"+bin[:11]+string('0'+(bin[11]-'0'+1)%10)+";KZ-71;;;",
		"Кто-то;;;KZ-71;;;может быть",
		"Известная компания;;"+other+";KZ-71;;;",
	)
	schema := Patrons(parasat.KazakhstanRegions())
	m := GuessMapping(table.Header, schema.Fields)
	if want := (Mapping{0: Name, 1: Kind, 2: BIN, 3: Region, 4: Phone, 5: Email, 6: PublicConsent}); fmt.Sprint(m) != fmt.Sprint(want) {
		t.Fatalf("guessed %v; want %v", m, want)
	}
	p, err := Check(context.Background(), table, m, schema, matchKeys[*parasat.Patron]("bin:"+other))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Valid) != 2 || p.Valid[0].Record.Kind != parasat.PatronCompany || !p.Valid[0].Record.PublicConsent ||
		p.Valid[1].Record.Kind != parasat.PatronPerson || p.Valid[1].Record.Region != "KZ-75" {
		t.Errorf("valid = %+v", p.Valid)
	}
	want := "4:name/patron.twice_in_file 5:bin/patron.bin_required 6:bin/bin.checksum 7:public_consent/yes_no"
	if got := reasons(p); got != want {
		t.Errorf("rejected = %s\nwant       %s", got, want)
	}
	if len(p.Existing) != 1 || p.Existing[0].Line != 8 {
		t.Errorf("existing = %+v", p.Existing)
	}
}

// fixCheckDigit replaces the last digit of 12 digits by their check digit.
func fixCheckDigit(s string) string {
	for first := s[:11]; ; {
		if d, ok := parasat.CheckDigit(first); ok {
			return first + string(rune('0'+d))
		}
		first = first[:10] + string(first[10]+1)
	}
}

func mustDate(s string) time.Time {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d.Time
}
