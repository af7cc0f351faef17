package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/testdb"
)

// The register's lookups at scale: by IIN, by name prefix, and a keyset page
// of a region, on SQLite and (when PARASAT_TEST_DATABASE_URL is set)
// PostgreSQL, over PARASAT_BENCH_BENEFICIARIES generated people (default
// 10000; `make bench` uses 1000000). The target is well under 50 ms per
// lookup with a million people.

// Valid IINs for the tests and the generated people.

// iinCheckDigit returns the check digit of 11 digits, or -1 when both passes
// give 10 (such numbers are never issued).
func iinCheckDigit(first11 []byte) int {
	d, ok := parasat.CheckDigit(string(first11[:11]))
	if !ok {
		return -1
	}
	return d
}

// makeIIN returns a valid IIN of a person born on birth of sex. Distinct
// serials (0–999) give distinct IINs for one birth date and sex: digits 1–6
// are YYMMDD, 7 century and sex, 8 a free digit chosen so that a check digit
// exists, 9–11 the serial, 12 the check digit.
func makeIIN(birth parasat.Date, sex parasat.Sex, serial int) string {
	century := map[int]byte{1800: '1', 1900: '3', 2000: '5'}[birth.Year()/100*100]
	if century == 0 || serial < 0 || serial > 999 {
		panic(fmt.Sprintf("makeIIN: no IIN for %s, serial %d", birth, serial))
	}
	if sex == parasat.Female {
		century++
	}
	b := fmt.Appendf(nil, "%02d%02d%02d%c0%03d", birth.Year()%100, int(birth.Month()), birth.Day(), century, serial)
	for free := byte('0'); ; free++ { // changing digit 8 moves the first pass by 8: one of two values works
		b[7] = free
		if check := iinCheckDigit(b); check >= 0 {
			return string(append(b, byte('0'+check)))
		}
	}
}

// neverIssuedIIN returns 12 digits whose check digit cannot be computed.
func neverIssuedIIN() string {
	for n := 85031530000; ; n++ {
		b := []byte(strconv.Itoa(n))
		if iinCheckDigit(b) < 0 {
			return string(b) + "0"
		}
	}
}

func TestMakeIINIsValidAndEncodesBirthAndSex(t *testing.T) {
	for _, c := range []struct {
		birth string
		sex   parasat.Sex
	}{{"1985-03-15", parasat.Male}, {"1992-07-26", parasat.Female}, {"2005-01-01", parasat.Male}, {"2011-12-31", parasat.Female}} {
		for serial := 0; serial < 1000; serial += 7 {
			iin := makeIIN(ymd(c.birth), c.sex, serial)
			if p := parasat.IINProblem(iin); p != "" || parasat.IINWarnings(iin, ymd(c.birth), c.sex) != nil {
				t.Fatalf("makeIIN(%s, %s, %d) = %s: problem %q, warnings %v", c.birth, c.sex, serial, iin, p,
					parasat.IINWarnings(iin, ymd(c.birth), c.sex))
			}
		}
	}
	if p := parasat.IINProblem(neverIssuedIIN()); p != "never_issued" {
		t.Errorf("neverIssuedIIN() = %s: problem %q", neverIssuedIIN(), p)
	}
}

const benchSizeEnv = "PARASAT_BENCH_BENEFICIARIES"

func benchSize(b *testing.B) int {
	s := os.Getenv(benchSizeEnv)
	if s == "" {
		return 10000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1000 || n > 30_000_000 {
		b.Fatalf("%s=%q: want a number of beneficiaries from 1000 to 30000000", benchSizeEnv, s)
	}
	return n
}

// Names as written in documents, with their passport spelling.
type benchName struct{ kk, latin string }

var (
	benchSurnames = []benchName{{"Сейітов", "Seitov"}, {"Ахметов", "Akhmetov"}, {"Нұрланов", "Nurlanov"},
		{"Құсайынов", "Kussainov"}, {"Жұмабаев", "Zhumabayev"}, {"Әбдірахманов", "Abdrakhmanov"}, {"Серікбаев", "Serikbayev"},
		{"Оспанов", "Ospanov"}, {"Төлеуов", "Toleuov"}, {"Қасымов", "Kassymov"}, {"Бекмұхамедов", "Bekmukhamedov"},
		{"Омаров", "Omarov"}, {"Сәрсенбаев", "Sarsenbayev"}, {"Тоқаев", "Tokayev"}, {"Мұқанов", "Mukanov"}, {"Әлиев", "Aliyev"},
		{"Байжанов", "Baizhanov"}, {"Жақсылықов", "Zhaksylykov"}, {"Ермеков", "Yermekov"}, {"Ысқақов", "Yskakov"},
		{"Қалиев", "Kaliyev"}, {"Смағұлов", "Smagulov"}, {"Нұрпейісов", "Nurpeisov"}, {"Ибраев", "Ibrayev"}, {"Мамыров", "Mamyrov"},
		{"Есенов", "Yessenov"}, {"Әбенов", "Abenov"}, {"Дүйсенов", "Duissenov"}, {"Рахимов", "Rakhimov"}, {"Садықов", "Sadykov"},
		{"Темірбеков", "Temirbekov"}, {"Құдайбергенов", "Kudaibergenov"}, {"Исаев", "Issayev"}, {"Шәкенов", "Shakenov"},
		{"Жүсіпов", "Zhussupov"}, {"Ғабдуллин", "Gabdullin"}, {"Әуезов", "Auezov"}, {"Байтұрсынов", "Baitursynov"},
		{"Мұратов", "Muratov"}, {"Қожахметов", "Kozhakhmetov"}, {"Иванов", "Ivanov"}, {"Петров", "Petrov"},
		{"Смирнов", "Smirnov"}, {"Кузнецов", "Kuznetsov"}, {"Попов", "Popov"}, {"Васильев", "Vassilyev"}, {"Соколов", "Sokolov"},
		{"Новиков", "Novikov"}, {"Фёдоров", "Fedorov"}, {"Юсупов", "Yussupov"}, {"Мамедов", "Mamedov"}, {"Ким", "Kim"},
		{"Пак", "Pak"}, {"Шевченко", "Shevchenko"}, {"Шмидт", "Schmidt"}, {"Ли", "Li"}}
	benchMale = []benchName{{"Ерлан", "Yerlan"}, {"Нұрлан", "Nurlan"}, {"Асқар", "Askar"}, {"Бауыржан", "Bauyrzhan"},
		{"Дәурен", "Dauren"}, {"Ержан", "Yerzhan"}, {"Тимур", "Timur"}, {"Рустам", "Rustam"}, {"Арман", "Arman"},
		{"Данияр", "Daniyar"}, {"Әлихан", "Alikhan"}, {"Серік", "Serik"}, {"Қанат", "Kanat"}, {"Мұрат", "Murat"},
		{"Айбек", "Aibek"}, {"Сергей", "Sergey"}, {"Алексей", "Alexey"}, {"Андрей", "Andrey"}, {"Дмитрий", "Dmitriy"}}
	benchFemale = []benchName{{"Айгерім", "Aigerim"}, {"Әсел", "Assel"}, {"Гүлнар", "Gulnar"}, {"Динара", "Dinara"},
		{"Жанар", "Zhanar"}, {"Сәуле", "Saule"}, {"Аружан", "Aruzhan"}, {"Меруерт", "Meruyert"}, {"Ақмарал", "Akmaral"},
		{"Назерке", "Nazerke"}, {"Гүлмира", "Gulmira"}, {"Айнұр", "Ainur"}, {"Жібек", "Zhibek"}, {"Мадина", "Madina"},
		{"Ольга", "Olga"}, {"Мария", "Maria"}, {"Елена", "Yelena"}, {"Наталья", "Natalya"}, {"Ирина", "Irina"}}
	benchFathers = []string{"Нұрлан", "Серік", "Қанат", "Мұрат", "Ерлан", "Бақыт", "Болат", "Асқар", "Марат", "Төлеген"}
)

// benchPerson is the i-th generated person (i from 0): realistic names,
// birth dates from 1940 to 2024, both sexes, all 20 regions and an IIN that
// is valid, agrees with them and is unique: 31000 birth dates times 1000
// serials (the serial is i / 31000, the date a permutation of i % 31000).
func benchPerson(i int, regions []string) (fullName, latinName, iin string, birth time.Time, sex parasat.Sex, region string) {
	h := uint64(i) + 0x9E3779B97F4A7C15 // splitmix64: well-spread bits from a counter
	h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
	h = (h ^ h>>27) * 0x94D049BB133111EB
	h ^= h >> 31
	birth = time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%31000*7919%31000)
	surname, first := benchSurnames[h%uint64(len(benchSurnames))], benchMale[h>>8%uint64(len(benchMale))]
	sex, sfx, father := parasat.Male, "ұлы", benchFathers[h>>16%uint64(len(benchFathers))]
	if h>>24&1 == 1 {
		sex, sfx, first = parasat.Female, "қызы", benchFemale[h>>8%uint64(len(benchFemale))]
		if strings.HasSuffix(surname.kk, "ов") || strings.HasSuffix(surname.kk, "ев") || strings.HasSuffix(surname.kk, "ин") {
			surname = benchName{surname.kk + "а", surname.latin + "a"}
		}
	}
	fullName = surname.kk + " " + first.kk + " " + father + sfx
	if h>>32%5 < 2 { // two in five have their passport's Latin spelling recorded
		latinName = surname.latin + " " + first.latin
	}
	return fullName, latinName, makeIIN(parasat.Date{Time: birth}, sex, i/31000), birth, sex, regions[h>>40%uint64(len(regions))]
}

// benchDB is a database filled with n generated people.
type benchDB struct {
	*DB
	n       int
	regions []string
}

// cleanupOn reports failures to the running (sub-)benchmark but runs cleanups
// when owner ends: a sub-benchmark's function runs once per b.N, and its
// cleanups after each run, while the filled database must outlive them.
type cleanupOn struct {
	testing.TB
	owner testing.TB
}

func (c cleanupOn) Cleanup(f func()) { c.owner.Cleanup(f) }

// forEachBenchEngine runs bench on each engine with a database filled once
// per engine for the top-level benchmark b.
func forEachBenchEngine(b *testing.B, bench func(b *testing.B, db *benchDB)) {
	for _, engine := range []Engine{SQLite, Postgres} {
		var (
			once   sync.Once
			filled *benchDB
		)
		b.Run(string(engine), func(sb *testing.B) {
			once.Do(func() { filled = fillBenchDB(cleanupOn{sb, b}, engine, benchSize(sb)) })
			if filled == nil {
				sb.Skip("no database: see the first run")
			}
			sb.ReportAllocs()
			sb.ResetTimer()
			bench(sb, filled)
		})
	}
}

func fillBenchDB(t cleanupOn, engine Engine, n int) *benchDB {
	ctx := context.Background()
	cfg := Config{}
	if engine == Postgres {
		cfg.DatabaseURL = testdb.PostgresURL(t) // skips without the variable
	} else {
		dir, err := os.MkdirTemp("", "parasat-bench-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		cfg.DataDir = dir
	}
	db, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	d := &benchDB{DB: db, n: n}
	for _, r := range parasat.KazakhstanRegions() {
		d.regions = append(d.regions, r.Code)
		if err := db.CreateOrganisation(ctx, &parasat.Organisation{Name: parasat.Names{KK: r.Name.KK + " Ана кеңесі"},
			Type: parasat.OrgMothersCouncil, Region: r.Code}); err != nil {
			t.Fatal(err)
		}
	}
	if engine == SQLite { // on the one writer connection: a page cache of 256 MiB for building the indexes
		if _, err := db.write.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return d.insertPeople(ctx, tx) }); err != nil {
		t.Fatalf("fill: %v", err)
	}
	filled := time.Since(start)
	if engine == Postgres { // what autovacuum does soon after a bulk load; SQLite gathers no statistics unless told
		if _, err := db.write.ExecContext(ctx, "VACUUM ANALYZE beneficiaries, beneficiary_categories, beneficiary_organisations"); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s: %d beneficiaries inserted in %v (%.0f rows/s), ready in %v", engine, n, filled.Round(time.Millisecond),
		float64(n)/filled.Seconds(), time.Since(start).Round(time.Millisecond))
	return d
}

// insertPeople inserts the people with multi-row INSERTs of 500 rows, then
// gives a third of them a category and a quarter their region's organisation.
// The table's secondary indexes are dropped first and made again, from their
// own definitions, at the end: sorting once beats a million random inserts
// into the IIN and name indexes.
func (d *benchDB) insertPeople(ctx context.Context, tx *sql.Tx) error {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'beneficiaries' AND sql IS NOT NULL"
	if d.engine == Postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'beneficiaries'
			AND indexname <> 'beneficiaries_pkey'`
	}
	var indexes [][2]string
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	for rows.Next() {
		var ix [2]string
		if err := rows.Scan(&ix[0], &ix[1]); err != nil {
			rows.Close()
			return err
		}
		indexes = append(indexes, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(indexes) == 0 {
		return fmt.Errorf("indexes of beneficiaries: %d found, %v", len(indexes), err)
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+ix[0]); err != nil {
			return err
		}
	}
	if err := d.insertRows(ctx, tx); err != nil {
		return err
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, ix[1]); err != nil {
			return fmt.Errorf("%s: %w", ix[1], err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO beneficiary_categories (beneficiary_id, category)
		SELECT id, CASE id % 4 WHEN 0 THEN 'low_income' WHEN 1 THEN 'pensioner' WHEN 2 THEN 'disability' ELSE 'large_family' END
		FROM beneficiaries WHERE id % 3 = 0`); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO beneficiary_organisations (beneficiary_id, organisation_id)
		SELECT b.id, o.id FROM beneficiaries b JOIN organisations o ON o.region_code = b.region_code WHERE b.id % 4 = 0`)
	return err
}

func (d *benchDB) insertRows(ctx context.Context, tx *sql.Tx) error {
	const batch, columns = 500, 11
	var (
		q    strings.Builder
		args = make([]any, 0, batch*columns)
		now  = fixedNow
	)
	for start := 0; start < d.n; start += batch {
		rows := min(batch, d.n-start)
		q.Reset()
		args = args[:0]
		q.WriteString(`INSERT INTO beneficiaries (full_name, latin_name, name_key, latin_key, iin, birth_date, sex, region_code,
			phone, created_at, updated_at) VALUES `)
		for r := 0; r < rows; r++ {
			i := start + r
			name, latin, iin, birth, sex, region := benchPerson(i, d.regions)
			if r > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for c := 1; c <= columns; c++ {
				if c > 1 {
					q.WriteString(", ")
				}
				if d.engine == SQLite { // SQLite looks $n up by name, slowly among thousands
					q.WriteByte('?')
					continue
				}
				q.WriteByte('$')
				q.WriteString(strconv.Itoa(r*columns + c))
			}
			q.WriteByte(')')
			args = append(args, name, latin, parasat.FoldForSearch(name), parasat.FoldForSearch(latin), iin, birth, string(sex),
				region, fmt.Sprintf("+7 70%d %03d %04d", i%10, i/10000%1000, i%10000), now, now)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("rows %d–%d: %w", start, start+rows, err)
		}
	}
	return nil
}

func BenchmarkFindBeneficiaryByIIN(b *testing.B) {
	forEachBenchEngine(b, func(b *testing.B, d *benchDB) {
		ctx := context.Background()
		iins := make([]string, 1024)
		for k := range iins {
			_, _, iins[k], _, _, _ = benchPerson(k*7919%d.n, d.regions)
		}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			got, err := d.BeneficiaryByIIN(ctx, iins[i%len(iins)])
			if err != nil || got.IIN != iins[i%len(iins)] {
				b.Fatalf("IIN %s: %v, %v", iins[i%len(iins)], got, err)
			}
		}
	})
}

func BenchmarkFindBeneficiariesByNamePrefix(b *testing.B) {
	forEachBenchEngine(b, func(b *testing.B, d *benchDB) {
		someone, _, _, _, _, _ := benchPerson(d.n/3, d.regions)
		for _, c := range []struct{ name, query string }{
			{"surname", "сейит"},                     // Сейітов(а): one in 57
			{"surname_and_name", "ахметова айгерим"}, // one in 2100
			{"full_name", someone},                   // one in 17000 (Омарова Жібек Бақытқызы among a million)
			{"latin", "kussain"},                     // Kussainov(a), passport spelling: one in 140
		} {
			b.Run(c.name, func(b *testing.B) {
				ctx := context.Background()
				for b.Loop() {
					got, err := d.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{Query: c.query, Limit: 50})
					if err != nil || len(got) == 0 {
						b.Fatalf("%q: %d found, %v", c.query, len(got), err)
					}
				}
			})
		}
	})
}

func BenchmarkListBeneficiariesPage(b *testing.B) {
	forEachBenchEngine(b, func(b *testing.B, d *benchDB) {
		ctx := context.Background()
		f := parasat.BeneficiaryFilter{RegionIn: []string{parasat.CapitalCode}, After: int64(d.n / 2), Limit: 50}
		for b.Loop() {
			got, err := d.ListBeneficiaries(ctx, f)
			if err != nil || len(got) != 50 || got[0].ID <= f.After || got[49].Region != parasat.CapitalCode {
				b.Fatalf("page after %d: %d, %v", f.After, len(got), err)
			}
		}
	})
}
