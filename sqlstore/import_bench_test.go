package sqlstore

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/importer"
	"github.com/parasat-kz/parasat/internal/testdb"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// An import of a large spreadsheet: reading a CSV of PARASAT_BENCH_IMPORT
// generated people (default 100,000), checking every row, looking up who is
// registered already, and registering them all in one transaction with
// their audit rows. The target is under a minute for 100,000 rows.

const benchImportEnv = "PARASAT_BENCH_IMPORT"

func benchImportSize(b *testing.B) int {
	s := os.Getenv(benchImportEnv)
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > spreadsheet.MaxRows {
		b.Fatalf("%s=%q: want a number of rows from 1 to %d", benchImportEnv, s, spreadsheet.MaxRows)
	}
	return n
}

// importCSV is a register as associations keep it: Russian headers,
// dates as 15.03.1985, sex as м/ж, regions by name, a category for some.
func importCSV(n int) []byte {
	regions := parasat.KazakhstanRegions()
	codes := make([]string, len(regions))
	names := map[string]string{}
	for i, r := range regions {
		codes[i], names[r.Code] = r.Code, r.Name.RU
	}
	categories := []string{"", "", "многодетная семья", "пенсионер", "", "человек с инвалидностью"}
	var buf bytes.Buffer
	buf.WriteString("ФИО;ИИН;Дата рождения;Пол;Регион;Телефон;Категория\r\n")
	for i := 0; i < n; i++ {
		name, _, iin, birth, sex, region := benchPerson(i, codes)
		letter := "м"
		if sex == parasat.Female {
			letter = "ж"
		}
		fmt.Fprintf(&buf, "%s;%s;%s;%s;%s;+7 70%d %03d %04d;%s\r\n", name, iin, birth.Format("02.01.2006"), letter,
			names[region], i%10, i/10000%1000, i%10000, categories[i%len(categories)])
	}
	return buf.Bytes()
}

func BenchmarkImportBeneficiaries(b *testing.B) {
	n := benchImportSize(b)
	file := importCSV(n)
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			if engine == Postgres && os.Getenv(testdb.Env) == "" {
				b.Skip(testdb.Env + " is not set")
			}
			for b.Loop() {
				b.StopTimer()
				db := openBenchImportDB(b, engine)
				b.StartTimer()
				imported := importFile(b, db, file)
				b.StopTimer()
				if imported != n {
					b.Fatalf("%d people imported; want %d", imported, n)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// importFile does what accepting an import does, and returns how many
// people it registered.
func importFile(b *testing.B, db *DB, file []byte) int {
	ctx := context.Background()
	table, err := spreadsheet.Read(bytes.NewReader(file))
	if err != nil {
		b.Fatal(err)
	}
	schema := importer.Beneficiaries(parasat.KazakhstanRegions(), fixedNow)
	m := importer.GuessMapping(table.Header, schema.Fields)
	p, err := importer.Check(ctx, table, m, schema, db.MatchBeneficiaries)
	if err != nil {
		b.Fatal(err)
	}
	if len(p.Rejected) > 0 {
		b.Fatalf("line %d rejected: %+v", p.Rejected[0].Line, p.Rejected[0].Problems)
	}
	valid := make([]*parasat.Beneficiary, len(p.Valid))
	for i, r := range p.Valid {
		valid[i] = r.Record
	}
	if err := db.CreateBeneficiaries(ctx, valid); err != nil {
		b.Fatal(err)
	}
	return len(valid)
}

func openBenchImportDB(b *testing.B, engine Engine) *DB {
	ctx := context.Background()
	cfg := Config{DataDir: b.TempDir()}
	if engine == Postgres {
		cfg = Config{DatabaseURL: testdb.PostgresURL(b)}
	}
	db, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	return db
}

// volunteersCSV is a list of volunteers as an association keeps it.
func volunteersCSV(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("ФИО;Дата рождения;Регион;Телефон;Дата согласия;Навыки;Языки\r\n")
	codes := make([]string, 0, 20)
	for _, r := range parasat.KazakhstanRegions() {
		codes = append(codes, r.Code)
	}
	skills := []string{"", "Вождение автомобиля", "IT", "", "медицинская помощь"}
	seen := map[string]bool{} // a volunteer is their name and birth date: each once
	for i, rows := 0, 0; rows < n; i++ {
		name, _, _, birth, _, region := benchPerson(i, codes)
		if parasat.YearsOld(parasat.Date{Time: birth}, parasat.Date{Time: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}) < parasat.AdultAge {
			birth = birth.AddDate(-20, 0, 0)
		}
		if key := name + birth.String(); seen[key] {
			continue
		} else {
			seen[key] = true
		}
		rows++
		fmt.Fprintf(&buf, "%s;%s;%s;+7 70%d %03d %04d;01.03.2026;%s;қазақша, русский\r\n", name, birth.Format("02.01.2006"),
			region, i%10, i/10000%1000, i%10000, skills[i%len(skills)])
	}
	return buf.Bytes()
}

func BenchmarkImportVolunteers(b *testing.B) {
	n := benchImportSize(b)
	file := volunteersCSV(n)
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			if engine == Postgres && os.Getenv(testdb.Env) == "" {
				b.Skip(testdb.Env + " is not set")
			}
			for b.Loop() {
				b.StopTimer()
				db := openBenchImportDB(b, engine)
				ctx := context.Background()
				skills, err := db.ListSkills(ctx)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				table, err := spreadsheet.Read(bytes.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				schema := importer.Volunteers(parasat.KazakhstanRegions(), skills, parasat.DayInKazakhstan(fixedNow), "волонтёрство")
				p, err := importer.Check(ctx, table, importer.GuessMapping(table.Header, schema.Fields), schema, db.MatchVolunteers)
				if err != nil || len(p.Rejected) > 0 {
					b.Fatalf("%v; rejected %+v", err, p.Rejected[:min(1, len(p.Rejected))])
				}
				valid := make([]*parasat.Volunteer, len(p.Valid))
				for i, r := range p.Valid {
					valid[i] = r.Record
				}
				if err := db.CreateVolunteers(ctx, valid); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if len(valid) != n {
					b.Fatalf("%d volunteers imported; want %d", len(valid), n)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// patronsCSV is a Club of patrons: companies with their BINs, and people.
func patronsCSV(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("Наименование;БИН;Регион;Телефон;Публично\r\n")
	for i, serial := 0, 0; i < n; i++ {
		if i%2 == 0 { // a company registered in 2018–2025, head office
			var bin string
			for bin == "" {
				first := fmt.Sprintf("%02d%02d40%05d", 18+serial%8, 1+serial%12, serial%100000)
				if d, ok := parasat.CheckDigit(first); ok {
					bin = first + strconv.Itoa(d)
				}
				serial++
			}
			fmt.Fprintf(&buf, "ТОО «Компания %d»;%s;Астана;+7 7172 %02d %02d %02d;да\r\n", i, bin, i/10000%100, i/100%100, i%100)
			continue
		}
		name, _, _, _, _, _ := benchPerson(i, []string{"KZ-71"})
		fmt.Fprintf(&buf, "%s;;Астана;+7 70%d %03d %04d;нет\r\n", name, i%10, i/10000%1000, i%10000)
	}
	return buf.Bytes()
}

func BenchmarkImportPatrons(b *testing.B) {
	n := benchImportSize(b)
	file := patronsCSV(n)
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			if engine == Postgres && os.Getenv(testdb.Env) == "" {
				b.Skip(testdb.Env + " is not set")
			}
			for b.Loop() {
				b.StopTimer()
				db := openBenchImportDB(b, engine)
				ctx := context.Background()
				b.StartTimer()
				table, err := spreadsheet.Read(bytes.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				schema := importer.Patrons(parasat.KazakhstanRegions())
				p, err := importer.Check(ctx, table, importer.GuessMapping(table.Header, schema.Fields), schema, db.MatchPatrons)
				if err != nil || len(p.Rejected) > 0 {
					b.Fatalf("%v; rejected %+v", err, p.Rejected[:min(1, len(p.Rejected))])
				}
				valid := make([]*parasat.Patron, len(p.Valid))
				for i, r := range p.Valid {
					valid[i] = r.Record
				}
				if err := db.CreatePatrons(ctx, valid); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if len(valid) != n {
					b.Fatalf("%d patrons imported; want %d", len(valid), n)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
