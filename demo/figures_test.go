package demo

import (
	"context"
	"database/sql"
	"net/url"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/sqlstore"
)

// TestDemoGivesTheFoundingArticlesFigures loads the demo into SQLite and
// counts, with plain SQL and exactly as FIGURES.md defines them, the
// capital's figures of 2019: by the capital's Assembly with all its child
// organisations, and by the region KZ-71 — both must give the article's.
func TestDemoGivesTheFoundingArticlesFigures(t *testing.T) {
	ctx := context.Background()
	store, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if loaded, err := Load(ctx, store); err != nil || !loaded {
		t.Fatalf("Load: %v, %v", loaded, err)
	}
	t.Logf("the demo loaded in %v", time.Since(started).Round(time.Millisecond))
	db, err := sql.Open("sqlite", "file:"+store.Path+"?"+url.Values{"mode": {"ro"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var assembly int64
	if err := db.QueryRow(`SELECT id FROM organisations WHERE region_code = 'KZ-71' AND type = 'assembly' AND parent_id IS NOT NULL`).Scan(&assembly); err != nil {
		t.Fatal(err)
	}
	for _, by := range []figureFilter{organisationTree(assembly), regionFilter("KZ-71")} {
		q1 := countFigures(t, db, by, "2019-01-01", "2019-03-31")
		// The report figures (the index of package tally) count the same.
		for _, to := range []string{"2019-03-31", "2019-04-25", "2019-12-31"} {
			want := countFigures(t, db, by, "2019-01-01", to)
			f := parasat.ReportFilter{Period: parasat.Period{From: mustDate("2019-01-01"), To: mustDate(to)}}
			if by.name == regionFilter("KZ-71").name {
				f.Region = "KZ-71"
			} else {
				f.OrganisationID = assembly
			}
			s, err := store.Summary(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			if s.Events != int64(want.events) || s.PeopleHelped != int64(want.people) || s.AidValueTiyn != want.value {
				t.Errorf("%s to %s: the report says %d events, %d people, %d tiyn; plain SQL %+v", by.name, to,
					s.Events, s.PeopleHelped, s.AidValueTiyn, want)
			}
		}
		if q1.events != 22 || q1.people != 1200 || q1.value != 230_000_000 {
			t.Errorf("%s, first quarter of 2019: %+v; want 22 events, 1 200 people, 230 000 000 tiyn", by.name, q1)
		}
		toApril := countFigures(t, db, by, "2019-01-01", "2019-04-25")
		if toApril.events != 63 || toApril.value < 1_400_000_000 || toApril.value >= 1_450_000_000 {
			t.Errorf("%s, 1 January – 25 April 2019: %+v; want 63 events and 14.0–14.5 million ₸", by.name, toApril)
		}
		rest := countFigures(t, db, by, "2019-04-26", "2019-12-31")
		year := time.Now().Year()
		current := countFigures(t, db, by, time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), "2100-01-01")
		if rest.events < 40 || rest.value <= 0 || current.events < 3 || current.people == 0 {
			t.Errorf("%s: the rest of 2019 %+v, this year %+v: want plausible activity", by.name, rest, current)
		}
	}
	var lastStart, lastAid string
	if err := db.QueryRow("SELECT MAX(datetime(starts_at)) FROM events WHERE status IN ('held', 'reported')").Scan(&lastStart); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT MAX(date(given_on)) FROM aid_records").Scan(&lastAid); err != nil {
		t.Fatal(err)
	}
	if lastStart > time.Now().UTC().Format(time.DateTime) || lastAid > parasat.DayInKazakhstan(time.Now()).String() {
		t.Errorf("the demo has an event held starting %v and aid given on %s: nothing done may be dated after today", lastStart, lastAid)
	}
}

type figures struct {
	events, people int
	value          int64
}

// figureFilter selects the events and aid records of an organisation (with
// its children) or of a region, as FIGURES.md defines the filters.
type figureFilter struct {
	name        string
	with        string // a WITH clause the conditions need, and its arguments
	withArgs    []any
	events, aid string // SQL conditions on events e and aid_records a, with one argument list for each
	args        []any
}

func organisationTree(id int64) figureFilter {
	return figureFilter{name: "the capital's Assembly and its organisations",
		with:     `WITH RECURSIVE tree(id) AS (SELECT id FROM organisations WHERE id = ? UNION SELECT o.id FROM organisations o JOIN tree ON o.parent_id = tree.id) `,
		withArgs: []any{id},
		events:   "EXISTS (SELECT 1 FROM event_organisations eo WHERE eo.event_id = e.id AND eo.organisation_id IN (SELECT id FROM tree))",
		aid:      "a.organisation_id IN (SELECT id FROM tree)"}
}

func regionFilter(code string) figureFilter {
	return figureFilter{name: "the region " + code, events: "e.region_code = ?", aid: "a.region_code = ?", args: []any{code}}
}

// countFigures counts events held or reported that start in the period,
// distinct people helped by name or as members of a household helped plus
// the anonymous groups' sizes, and the value of the aid given in the period.
func countFigures(t *testing.T, db *sql.DB, f figureFilter, from, to string) figures {
	t.Helper()
	var out figures
	// Each condition is followed by the period; the arguments follow suit.
	cond := func(times int) []any {
		args := append([]any{}, f.withArgs...)
		for range times {
			args = append(append(args, f.args...), from, to)
		}
		return args
	}
	aid := f.aid + " AND date(a.given_on) BETWEEN ? AND ?"
	queries := []struct {
		sql  string
		args []any
		into any
	}{
		{f.with + "SELECT COUNT(*) FROM events e WHERE e.status IN ('held', 'reported') AND " + f.events +
			" AND date(e.start_day) BETWEEN ? AND ?", cond(1), &out.events},
		{f.with + `SELECT (SELECT COUNT(*) FROM (
				SELECT a.beneficiary_id FROM aid_records a WHERE a.beneficiary_id IS NOT NULL AND ` + aid + `
				UNION
				SELECT b.id FROM aid_records a JOIN beneficiaries b ON b.household_id = a.household_id WHERE ` + aid + `))
			+ (SELECT COALESCE(SUM(a.group_size), 0) FROM aid_records a WHERE ` + aid + ")", cond(3), &out.people},
		{f.with + "SELECT COALESCE(SUM(a.value_tiyn), 0) FROM aid_records a WHERE " + aid, cond(1), &out.value},
	}
	for _, q := range queries {
		if err := db.QueryRow(q.sql, q.args...).Scan(q.into); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	return out
}
