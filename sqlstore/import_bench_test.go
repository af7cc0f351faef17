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

func BenchmarkImportBeneficiaries(b *testing.B) {
	benchImport(b, importCSV(benchImportSize(b)), func(*DB) importer.Schema[*parasat.Beneficiary] {
		return importer.Beneficiaries(parasat.KazakhstanRegions(), fixedNow)
	}, (*DB).MatchBeneficiaries, (*DB).CreateBeneficiaries)
}

func BenchmarkImportVolunteers(b *testing.B) {
	benchImport(b, volunteersCSV(benchImportSize(b)), func(db *DB) importer.Schema[*parasat.Volunteer] {
		skills, err := db.ListSkills(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		return importer.Volunteers(parasat.KazakhstanRegions(), skills, parasat.DayInKazakhstan(fixedNow), "волонтёрство")
	}, (*DB).MatchVolunteers, (*DB).CreateVolunteers)
}

func BenchmarkImportPatrons(b *testing.B) {
	benchImport(b, patronsCSV(benchImportSize(b)), func(*DB) importer.Schema[*parasat.Patron] {
		return importer.Patrons(parasat.KazakhstanRegions())
	}, (*DB).MatchPatrons, (*DB).CreatePatrons)
}

// benchImport measures, on each engine and a fresh database each time,
// what accepting an import of file does: read it, check every row, look up
// who is registered already, and register the rest in one transaction.
func benchImport[T importer.Record](b *testing.B, file []byte, schema func(*DB) importer.Schema[T],
	match func(*DB, context.Context, []T) ([]int64, error), create func(*DB, context.Context, []T) error) {
	ctx := context.Background()
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			if engine == Postgres && os.Getenv(testdb.Env) == "" {
				b.Skip(testdb.Env + " is not set")
			}
			rows := 0
			for b.Loop() {
				b.StopTimer()
				db := openBenchImportDB(b, engine)
				s := schema(db)
				b.StartTimer()
				table, err := spreadsheet.Read(bytes.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				p, err := importer.Check(ctx, table, importer.GuessMapping(table.Header, s.Fields), s,
					func(ctx context.Context, list []T) ([]int64, error) { return match(db, ctx, list) })
				if err != nil || len(p.Rejected) > 0 || len(p.Valid) != len(table.Rows) {
					b.Fatalf("%v; %d valid of %d, rejected %+v", err, len(p.Valid), len(table.Rows), p.Rejected[:min(1, len(p.Rejected))])
				}
				valid := make([]T, len(p.Valid))
				for i, r := range p.Valid {
					valid[i] = r.Record
				}
				if err := create(db, ctx, valid); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				rows += len(valid)
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
