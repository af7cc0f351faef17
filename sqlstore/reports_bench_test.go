package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// Benchmarks of the report figures over a national history: by default
// 100,000 aid records; `make bench-reports` sets PARASAT_BENCH_AID to
// 10,000,000, with 200,000 events, 1,000,000 beneficiaries in 100,000
// households, 2,000 organisations, 500,000 gifts and 200,000 confirmed
// shifts (all in proportion to the aid records), spread over 2019 to
// November 2026. The database is generated in SQL, once per engine.

const reportBenchEnv = "PARASAT_BENCH_AID"

func reportBenchSize(b *testing.B) int {
	s := os.Getenv(reportBenchEnv)
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 10_000 || n > 50_000_000 {
		b.Fatalf("%s=%q: want a number of aid records from 10000 to 50000000", reportBenchEnv, s)
	}
	return n
}

// reportBenchDays is the span of the generated history: 2019-01-01 to 2026-11-30.
const reportBenchDays = 2891

// benchSQL writes the few expressions the engines spell differently.
type benchSQL struct{ engine Engine }

// series is a FROM item giving g.i = 1…$1, and the WITH clause it needs.
func (s benchSQL) series() (with, from string) {
	if s.engine == Postgres {
		return "", "generate_series(CAST(1 AS BIGINT), CAST($1 AS BIGINT)) AS g(i)"
	}
	return "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < $1) ", "g"
}

// day is the date n days after 1 January 2019, as the store writes dates.
func (s benchSQL) day(n string) string {
	if s.engine == Postgres {
		return "(DATE '2019-01-01' + CAST(" + n + " AS INTEGER))"
	}
	return "strftime('%Y-%m-%d 00:00:00+00:00', '2019-01-01', '+' || (" + n + ") || ' days')"
}

// at is a time of day n days after 1 January 2019 (hour in UTC).
func (s benchSQL) at(n string, hour int) string {
	if s.engine == Postgres {
		return fmt.Sprintf("(TIMESTAMPTZ '2019-01-01 %02d:00:00+00' + CAST(%s AS INTEGER) * INTERVAL '1 day')", hour, n)
	}
	return fmt.Sprintf("strftime('%%Y-%%m-%%d %02d:00:00+00:00', '2019-01-01', '+' || (%s) || ' days')", hour, n)
}

// reportBench is a filled database and the sizes it was filled with.
type reportBench struct {
	*DB
	aid, events, people, orgs int
}

// forEachReportBench runs bench on each engine with a database filled once
// per engine for the top-level benchmark b.
func forEachReportBench(b *testing.B, bench func(b *testing.B, db *reportBench)) {
	for _, engine := range []Engine{SQLite, Postgres} {
		var (
			once   sync.Once
			filled *reportBench
		)
		b.Run(string(engine), func(sb *testing.B) {
			once.Do(func() { filled = fillReports(cleanupOn{sb, b}, engine, reportBenchSize(sb)) })
			if filled == nil {
				sb.Skip("no database: see the first run")
			}
			bench(sb, filled)
		})
	}
}

func fillReports(t cleanupOn, engine Engine, n int) *reportBench {
	ctx := context.Background()
	db, err := Open(ctx, benchConfig(t.owner.(*testing.B), engine))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	rb := &reportBench{DB: db, aid: n, events: n / 50, people: n / 10, orgs: 2000}
	if engine == SQLite {
		if _, err := db.write.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return rb.fill(ctx, tx) }); err != nil {
		t.Fatalf("fill: %v", err)
	}
	analyze := "ANALYZE"
	if engine == Postgres {
		analyze = "VACUUM ANALYZE"
	}
	if _, err := db.write.ExecContext(ctx, analyze); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d aid records, %d events, %d beneficiaries generated in %v", engine, n, rb.events, rb.people,
		time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := db.RefreshFigures(ctx); err != nil {
		t.Fatal(err)
	}
	var mem runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&mem)
	aid, events, gifts, hours, people := db.tally.ix.Size()
	t.Logf("%s: the index of figures loaded in %v: %d aid records, %d events, %d gifts, %d hours, %d people; the heap holds %d MiB",
		engine, time.Since(start).Round(time.Millisecond), aid, events, gifts, hours, people, mem.HeapAlloc>>20)
	return rb
}

// fill generates the history with one statement per table. The triggers of
// the change log are set aside meanwhile (the index is loaded whole after),
// and the secondary indexes of the big tables dropped and made again at the
// end: sorting once beats ten million random inserts into each.
func (rb *reportBench) fill(ctx context.Context, tx *sql.Tx) error {
	s := benchSQL{rb.engine}
	restore, err := rb.suspendTallyTriggers(ctx, tx)
	if err != nil {
		return err
	}
	var indexes [][2]string
	for _, table := range []string{"aid_records", "events", "beneficiaries", "event_organisations", "ledger_entries", "donations"} {
		ix, err := dropIndexes(ctx, tx, rb.engine, table)
		if err != nil {
			return err
		}
		indexes = append(indexes, ix...)
	}
	with, from := s.series()
	e, p, o, gifts := rb.events, rb.people, rb.orgs, rb.aid/20
	households, patrons, volunteers := p/10, 20_000, 20_000
	now := fixedNow
	stmts := []struct {
		q    string
		args []any
	}{
		// 20 Assemblies, one per region, and 99 organisations under each.
		{`INSERT INTO organisations (name_kk, type, region_code, created_at, updated_at)
			SELECT 'Ассамблея ' || code, 'assembly', code, $1, $1 FROM regions`, []any{now}},
		{with + `INSERT INTO organisations (name_kk, type, region_code, parent_id, created_at, updated_at)
			SELECT 'Бірлестік ' || CAST(g.i AS TEXT), CASE g.i % 3 WHEN 0 THEN 'ethno_cultural_association'
				WHEN 1 THEN 'council_of_mothers' ELSE 'youth_wing' END, a.region_code, a.id, $2, $2
			FROM ` + from + ` JOIN organisations a ON a.id = 1 + g.i % 20`, []any{o - 20, now}},
		{with + `INSERT INTO households (name, name_key, region_code, created_at, updated_at)
			SELECT 'Отбасы ' || CAST(g.i AS TEXT), 'отбасы', (SELECT region_code FROM organisations WHERE id = 1 + g.i % 20), $2, $2
			FROM ` + from, []any{households, now}},
		// Half the people live in a household (of about five).
		{with + `INSERT INTO beneficiaries (full_name, name_key, birth_date, sex, region_code, household_id, created_at, updated_at)
			SELECT 'Адам ' || CAST(g.i AS TEXT), 'адам', $2, CASE g.i % 2 WHEN 0 THEN 'male' ELSE 'female' END,
				(SELECT region_code FROM organisations WHERE id = 1 + g.i % 20),
				CASE WHEN g.i % 2 = 0 THEN 1 + (g.i / 2) % $3 END, $4, $4
			FROM ` + from, []any{p, day("1960-01-01").Time, households, now}},
		{`INSERT INTO beneficiary_categories (beneficiary_id, category)
			SELECT id, CASE id % 4 WHEN 0 THEN 'low_income' WHEN 1 THEN 'pensioner' WHEN 2 THEN 'disability' ELSE 'veteran' END
			FROM beneficiaries WHERE id % 3 = 0`, nil},
		{`INSERT INTO household_categories (household_id, category) SELECT id, 'large_family' FROM households WHERE id % 4 = 0`, nil},
		// Events on every day of the span, led by any organisation, nine in
		// ten held or reported, one in ten at an occasion.
		{with + `INSERT INTO events (title_kk, kind, starts_at, ends_at, start_day, region_code, lead_organisation_id, occasion_key,
				status, volunteers, volunteer_minutes, published, created_at, updated_at)
			SELECT 'Іс-шара ' || CAST(g.i AS TEXT), 'distribution', ` + s.at("(g.i * 7919) % $2", 5) + `, ` + s.at("(g.i * 7919) % $2", 8) + `,
				` + s.day("(g.i * 7919) % $2") + `, lo.region_code, lo.id,
				CASE g.i % 10 WHEN 0 THEN CASE g.i % 50 WHEN 0 THEN 'nauryz' WHEN 10 THEN 'victory_day' WHEN 20 THEN 'childrens_day'
					WHEN 30 THEN 'older_persons_day' ELSE 'volunteer_day' END END,
				CASE g.i % 20 WHEN 19 THEN 'planned' WHEN 18 THEN 'held' ELSE 'reported' END,
				CASE WHEN g.i % 20 < 18 THEN 6 END, CASE WHEN g.i % 20 < 18 THEN 900 END, TRUE, $3, $3
			FROM ` + from + ` JOIN organisations lo ON lo.id = 1 + (g.i * 37) % $4`, []any{e, reportBenchDays, now, o}},
		{`INSERT INTO event_organisations (event_id, organisation_id, role) SELECT id, lead_organisation_id, 'lead' FROM events`, nil},
		{`INSERT INTO event_organisations (event_id, organisation_id, role)
			SELECT id, 1 + (id * 53) % $1, 'partner' FROM events WHERE id % 3 = 0 AND 1 + (id * 53) % $1 <> lead_organisation_id`, []any{o}},
		// Seven records in ten at an event (on its day, by its lead), the
		// rest by any organisation on any day; six in ten to a person, a
		// quarter to a household, the rest to an anonymous group.
		{with + `INSERT INTO aid_records (given_on, organisation_id, event_id, region_code, recipient_kind, beneficiary_id, household_id,
				group_size, kind, item, quantity, value_tiyn, created_at)
			SELECT COALESCE(ev.start_day, ` + s.day("(g.i * 31) % $2") + `), COALESCE(ev.lead_organisation_id, og.id), ev.id,
				COALESCE(ev.region_code, og.region_code),
				CASE WHEN g.i % 20 < 12 THEN 'beneficiary' WHEN g.i % 20 < 17 THEN 'household' ELSE 'group' END,
				CASE WHEN g.i % 20 < 12 THEN 1 + (g.i * 104729) % $3 END, CASE WHEN g.i % 20 BETWEEN 12 AND 16 THEN 1 + (g.i * 7) % $4 END,
				CASE WHEN g.i % 20 >= 17 THEN 1 + g.i % 50 END,
				CASE g.i % 5 WHEN 0 THEN 'money' WHEN 1 THEN 'goods' WHEN 2 THEN 'service' WHEN 3 THEN 'development' ELSE 'care' END,
				'other', 1, CASE WHEN g.i % 5 = 4 THEN 0 ELSE 500000 + (g.i % 97) * 10000 END, $5
			FROM ` + from + ` LEFT JOIN events ev ON g.i % 10 < 7 AND ev.id = 1 + (g.i * 7919) % $6
				JOIN organisations og ON og.id = 1 + g.i % $7`, []any{rb.aid, reportBenchDays, p, households, now, e, o}},
		{with + `INSERT INTO patrons (kind, name, name_key, search_text, region_code, created_at, updated_at)
			SELECT 'person', 'Меценат ' || CAST(g.i AS TEXT), 'меценат', '', 'KZ-71', $2, $2 FROM ` + from, []any{patrons, now}},
		{`INSERT INTO funds (kind, ref_id, organisation_id, created_at) SELECT 'general', id, id, $1 FROM organisations`, []any{now}},
		{with + `INSERT INTO ledger_entries (kind, fund_id, organisation_id, amount_tiyn, occurred_on, recorded_at)
			SELECT 'donation', f.id, f.organisation_id, 1000000 + (g.i % 89) * 10000, ` + s.day("(g.i * 13) % $2") + `, $3
			FROM ` + from + ` JOIN funds f ON f.id = 1 + g.i % $4`, []any{gifts, reportBenchDays, now, o}},
		{`INSERT INTO donations (entry_id, fund_id, organisation_id, donor_kind, patron_id, amount_tiyn, received_on, channel,
				recorded_at)
			SELECT id, fund_id, organisation_id, CASE WHEN id % 2 = 0 THEN 'patron' ELSE 'anonymous' END,
				CASE WHEN id % 2 = 0 THEN 1 + id % $1 END, amount_tiyn, occurred_on, 'kaspi', recorded_at FROM ledger_entries`,
			[]any{patrons}},
		{with + `INSERT INTO volunteers (full_name, name_key, search_text, birth_date, region_code, consent_given_on, consent_scope,
				status, created_at, updated_at)
			SELECT 'Ерікті ' || CAST(g.i AS TEXT), 'ерікті ' || CAST(g.i AS TEXT), '', $2, 'KZ-71', $2, 'келісемін', 'approved', $3, $3
			FROM ` + from, []any{volunteers, day("2000-01-01").Time, now}},
		// A shift at one event in five, with five volunteers whose hours are confirmed.
		{`INSERT INTO shifts (event_id, role_kk, starts_at, ends_at, capacity, created_at, updated_at)
			SELECT id, 'Көмекші', starts_at, ends_at, 5, created_at, created_at FROM events WHERE id % 5 = 0`, nil},
		{with + `INSERT INTO shift_signups (shift_id, event_id, volunteer_id, region_code, status, signed_up_at, minutes,
				confirmed_minutes, hours_day, updated_at)
			SELECT sh.id, ev.id, 1 + (sh.id * 5 + g.i) % $2, ev.region_code, 'confirmed', $3, 180, 180, ev.start_day, $3
			FROM ` + from + ` CROSS JOIN shifts sh JOIN events ev ON ev.id = sh.event_id`, []any{5, volunteers, now}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(strings.Fields(st.q), " ")[:80], err)
		}
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, ix[1]); err != nil {
			return fmt.Errorf("%s: %w", ix[1], err)
		}
	}
	return restore()
}

// dropIndexes drops the secondary indexes of a table (not those behind a
// primary key or a unique constraint) and returns their definitions.
func dropIndexes(ctx context.Context, tx *sql.Tx, engine Engine, table string) ([][2]string, error) {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
	if engine == Postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1
			AND indexdef NOT LIKE 'CREATE UNIQUE%'`
	}
	rows, err := tx.QueryContext(ctx, q, table)
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for rows.Next() {
		var ix [2]string
		if err := rows.Scan(&ix[0], &ix[1]); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, ix)
	}
	rows.Close()
	for _, ix := range out {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+ix[0]); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// suspendTallyTriggers sets aside the triggers of the change log until the
// returned function puts them back: on PostgreSQL by disabling them, on
// SQLite by dropping them and creating them again from their definitions.
func (rb *reportBench) suspendTallyTriggers(ctx context.Context, tx *sql.Tx) (func() error, error) {
	tables := []string{"aid_records", "events", "event_organisations", "shifts", "money_daily", "shift_signups", "beneficiaries",
		"beneficiary_categories", "household_categories", "organisations", "regions"}
	if rb.engine == Postgres {
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t+" DISABLE TRIGGER USER"); err != nil {
				return nil, err
			}
		}
		return func() error {
			for _, t := range tables {
				if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t+" ENABLE TRIGGER USER"); err != nil {
					return err
				}
			}
			return nil
		}, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tally_%'")
	if err != nil {
		return nil, err
	}
	var triggers [][2]string
	for rows.Next() {
		var tr [2]string
		if err := rows.Scan(&tr[0], &tr[1]); err != nil {
			rows.Close()
			return nil, err
		}
		triggers = append(triggers, tr)
	}
	rows.Close()
	for _, tr := range triggers {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+tr[0]); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, tr := range triggers {
			if _, err := tx.ExecContext(ctx, tr[1]); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// reportCases are the summaries people ask for, "today" being 30 November 2026.
func (rb *reportBench) reportCases() []struct {
	name string
	f    parasat.ReportFilter
} {
	year := period("2026-01-01", "2026-11-30")
	return []struct {
		name string
		f    parasat.ReportFilter
	}{
		{"country_year_to_date", parasat.ReportFilter{Period: year}},
		{"country_quarter", parasat.ReportFilter{Period: parasat.QuarterPeriod(2025, 2)}},
		{"country_month", parasat.ReportFilter{Period: parasat.MonthPeriod(2024, time.March)}},
		{"country_custom", parasat.ReportFilter{Period: period("2023-03-15", "2024-09-20")}},
		{"country_all_history", parasat.ReportFilter{Period: period("2019-01-01", "2026-11-30")}},
		{"region_year", parasat.ReportFilter{Period: year, Region: "KZ-71"}},
		{"assembly_with_children_year", parasat.ReportFilter{Period: year, OrganisationID: 1}},
		{"organisation_year", parasat.ReportFilter{Period: year, OrganisationID: 555}},
		{"occasion_year", parasat.ReportFilter{Period: year, Occasion: "nauryz"}},
		{"kind_year", parasat.ReportFilter{Period: year, Kind: parasat.HelpDevelopment}},
		{"category_year", parasat.ReportFilter{Period: year, Category: parasat.CategoryDisability}},
		{"region_kind_category_year", parasat.ReportFilter{Period: year, Region: "KZ-75", Kind: parasat.HelpGoods,
			Category: parasat.CategoryLargeFamily}},
	}
}

// BenchmarkReport measures, on a database filled once per engine: each
// summary (b.N times, reporting the 95th percentile of the answers' times
// beside the mean), a year split by each dimension, a year's report with
// the year before and every breakdown (what an export counts; the workbook
// itself is measured by report/export). Loading the index whole, as a
// server does when it starts, is timed once, when the database is filled.
func BenchmarkReport(b *testing.B) {
	forEachReportBench(b, func(b *testing.B, rb *reportBench) {
		b.Run("summary", func(b *testing.B) {
			for _, c := range rb.reportCases() {
				b.Run(c.name, func(b *testing.B) { benchSummary(b, rb, c.name, c.f) })
			}
		})
		b.Run("breakdown", func(b *testing.B) {
			f := parasat.ReportFilter{Period: period("2026-01-01", "2026-11-30")}
			for _, by := range parasat.Dimensions {
				b.Run(string(by), func(b *testing.B) {
					for b.Loop() {
						if _, err := rb.Breakdown(context.Background(), f, by); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
		b.Run("year_report", func(b *testing.B) {
			f := parasat.ReportFilter{Period: period("2025-01-01", "2025-12-31")}
			for b.Loop() {
				if _, err := parasat.BuildReport(context.Background(), rb, f, true, parasat.Dimensions...); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func benchSummary(b *testing.B, rb *reportBench, name string, f parasat.ReportFilter) {
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	var s *parasat.Summary
	for b.Loop() {
		start := time.Now()
		var err error
		if s, err = rb.Summary(ctx, f); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	if s.Events == 0 && strings.HasPrefix(name, "country") {
		b.Errorf("%s counted no events: the generated data is wrong", name)
	}
}

// BenchmarkReportFreshness is what every report pays before it counts:
// reading the change log to see that nothing changed.
func BenchmarkReportFreshness(b *testing.B) {
	forEachReportBench(b, func(b *testing.B, rb *reportBench) {
		for b.Loop() {
			if err := rb.RefreshFigures(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
