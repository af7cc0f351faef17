package importer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/spreadsheet"
)

func iinFor(yymmdd string, centurySex, serial int) string {
	for s := serial; ; s++ {
		first := fmt.Sprintf("%s%d%04d", yymmdd, centurySex, s%10000)
		if d, ok := parasat.CheckDigit(first); ok {
			return first + strconv.Itoa(d)
		}
	}
}

func TestPreviewSortsRowsIntoValidRejectedAndExisting(t *testing.T) {
	good1, good2, known := iinFor("850315", 4, 1), iinFor("500101", 3, 2), iinFor("120505", 6, 3)
	bad := good1[:11] + strconv.Itoa((int(good1[11]-'0')+1)%10)
	csv := strings.Join([]string{
		"ФИО;ИИН;Дата рождения;Пол;Регион;Категория",
		"Сейітова Айгерім;" + good1 + ";15.03.1985;ж;Астана;многодетная семья",
		"Омаров Ержан;" + good2 + ";1950-01-01;М;Карагандинская область;ветеран, пенсионер",
		"Қате Адам;" + bad + ";01.01.1990;ж;Астана;",
		"Екінші рет;" + good1 + ";15.03.1985;ж;Астана;",
		"Белгісіз өңір;" + iinFor("900101", 3, 9) + ";01.01.1990;м;Алматы;",
		"Бұрын тіркелген;" + known + ";05.05.2012;ж;KZ-71;",
		"Күні жоқ;" + iinFor("900101", 4, 11) + ";вчера;ж;KZ-71;",
	}, "\n")
	table, err := spreadsheet.Read(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	schema := Beneficiaries(parasat.KazakhstanRegions(), time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	m := GuessMapping(table.Header, schema.Fields)
	if len(schema.Missing(m)) != 0 || m[5] != Categories {
		t.Fatalf("guessed mapping %v, missing %v", m, schema.Missing(m))
	}
	lookup := func(_ context.Context, list []*parasat.Beneficiary) ([]int64, error) {
		ids := make([]int64, len(list))
		for i, b := range list {
			if b.IIN == known {
				ids[i] = 77
			}
		}
		return ids, nil
	}
	p, err := Check(context.Background(), table, m, schema, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Valid) != 2 || p.Valid[0].Record.Region != "KZ-71" || p.Valid[1].Record.Region != "KZ-35" {
		t.Errorf("valid rows: %+v", p.Valid)
	}
	if c := p.Valid[1].Record.Categories; len(c) != 2 || c[0].Category != parasat.CategoryVeteran {
		t.Errorf("categories of line 3: %+v", c)
	}
	if p.Valid[0].Record.Sex != parasat.Female || p.Valid[1].Record.Sex != parasat.Male {
		t.Error("the sex letters were not read")
	}
	reasons := map[int]string{}
	for _, r := range p.Rejected {
		reasons[r.Line] = r.Problems[0].Code
	}
	want := map[int]string{4: "iin.checksum", 5: "iin.twice_in_file", 6: "region.code", 8: "date"}
	if fmt.Sprint(reasons) != fmt.Sprint(want) {
		t.Errorf("rejected lines and reasons = %v; want %v", reasons, want)
	}
	if len(p.Existing) != 1 || p.Existing[0].ExistingID != 77 || p.Existing[0].Line != 7 {
		t.Errorf("existing rows = %+v", p.Existing)
	}
}

func TestMappingNeedsTheRequiredFields(t *testing.T) {
	schema := Beneficiaries(parasat.KazakhstanRegions(), time.Now())
	m := GuessMapping([]string{"Аты-жөні", "ЖСН", "Телефон"}, schema.Fields)
	if m[0] != FullName || m[1] != IIN || m[2] != Phone {
		t.Errorf("Kazakh headers mapped as %v", m)
	}
	if got := fmt.Sprint(schema.Missing(m)); got != "[birth_date sex region]" {
		t.Errorf("missing = %s", got)
	}
}

func TestDatesFromSpreadsheets(t *testing.T) {
	for in, want := range map[string]string{"15.03.1985": "1985-03-15", "5.3.1985": "1985-03-05", "1985-03-15": "1985-03-15",
		"15/03/1985": "1985-03-15", "31121": "1985-03-15"} {
		d, ok := parseDate(in)
		if !ok || d.String() != want {
			t.Errorf("parseDate(%q) = %s, %v; want %s", in, d, ok, want)
		}
	}
}
