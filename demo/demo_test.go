package demo

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/testdb"
	"github.com/parasat-kz/parasat/sqlstore"
)

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	os.Exit(m.Run())
}

// forEachEngine runs test on a fresh, migrated SQLite database and, when
// PARASAT_TEST_DATABASE_URL is set, on a PostgreSQL schema of its own.
func forEachEngine(t *testing.T, test func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, engine := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			cfg := sqlstore.Config{DataDir: t.TempDir()}
			if engine == sqlstore.Postgres {
				cfg = sqlstore.Config{DatabaseURL: testdb.PostgresURL(t)}
			}
			ctx := context.Background()
			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatalf("open %s: %v", engine, err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate %s: %v", engine, err)
			}
			test(t, db)
		})
	}
}

// TestDataset checks the data itself, so that a mistake in it is reported
// with the seed's key rather than as a failed create.
func TestDataset(t *testing.T) {
	keys := map[string]bool{}
	bins, emails, names := map[string]string{}, map[string]string{}, map[string]string{}
	phonePrefix := map[string]string{"KZ-71": "+7 7172 ", "KZ-35": "+7 7212 "}
	var kazakh strings.Builder
	for _, s := range dataset {
		if s.key == "" || keys[s.key] {
			t.Errorf("key %q is empty or repeated", s.key)
		}
		if s.parent != "" && !keys[s.parent] {
			t.Errorf("%s: parent %q does not come before it", s.key, s.parent)
		}
		keys[s.key] = true
		o := s.organisation()
		if err := o.Validate(); err != nil {
			t.Errorf("%s: %v", s.key, err)
		}
		for _, lang := range parasat.Languages {
			if strings.TrimSpace(o.Name.In(lang)) == "" {
				t.Errorf("%s: no name in %s", s.key, lang)
			}
		}
		if strings.IndexFunc(s.kk, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
			t.Errorf("%s: Kazakh name %q has Latin letters", s.key, s.kk)
		}
		if s.kk == s.ru {
			t.Errorf("%s: Kazakh name is the Russian one", s.key)
		}
		kazakh.WriteString(s.kk)
		unique(t, s.key, "English name", s.en, names)
		unique(t, s.key, "e-mail", s.email, emails)
		if !strings.HasSuffix(s.email, "@example.kz") {
			t.Errorf("%s: e-mail %q is not on example.kz", s.key, s.email)
		}
		if s.bin != "" {
			unique(t, s.key, "BIN", s.bin, bins)
		}
		if p := phonePrefix[s.region]; p == "" || !strings.HasPrefix(s.phone, p) {
			t.Errorf("%s: phone %q does not have the code of %s", s.key, s.phone, s.region)
		}
		if s.address == "" {
			t.Errorf("%s: no address", s.key)
		}
	}
	for _, r := range "әғқңөұүі" {
		if !strings.ContainsRune(kazakh.String(), r) {
			t.Errorf("no Kazakh name uses the letter %c: are they Kazakh?", r)
		}
	}
}

func unique(t *testing.T, key, what, value string, seen map[string]string) {
	t.Helper()
	if other, ok := seen[value]; ok {
		t.Errorf("%s and %s have the same %s %q", other, key, what, value)
	}
	seen[value] = key
}

func TestLoad(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		loaded, err := Load(ctx, db)
		if err != nil || !loaded {
			t.Fatalf("Load on an empty database = %v, %v; want true, nil", loaded, err)
		}
		stored, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{Limit: sqlstore.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != len(dataset) {
			t.Fatalf("stored %d organisations; want %d", len(stored), len(dataset))
		}
		byKey := checkStored(t, stored)

		astana := byKey[keyAstana]
		if astana.Type != parasat.OrgAssembly || astana.Region != parasat.CapitalCode ||
			parasat.IdentityNumberProblem(astana.BIN) != "" {
			t.Errorf("capital's Assembly = %+v", astana)
		}
		children, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{ParentID: &astana.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(children) < 14 || len(children) > 18 {
			t.Errorf("the capital's Assembly has %d organisations; want 14 to 18", len(children))
		}
		for _, c := range children {
			if c.Region != parasat.CapitalCode {
				t.Errorf("%s is under the capital's Assembly but in %s", c.Name.EN, c.Region)
			}
		}
		for _, typ := range []parasat.OrganisationType{parasat.OrgAssembly, parasat.OrgEthnoCultural,
			parasat.OrgMothersCouncil, parasat.OrgYouthWing, parasat.OrgPatronsClub, parasat.OrgFoundation} {
			list, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{Region: parasat.CapitalCode, Type: typ})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) == 0 {
				t.Errorf("no organisation of type %s in %s", typ, parasat.CapitalCode)
			}
		}
		karaganda, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{Region: "KZ-35"})
		if err != nil {
			t.Fatal(err)
		}
		if len(karaganda) != 3 {
			t.Errorf("KZ-35 has %d organisations; want its Assembly and two associations", len(karaganda))
		}

		if n := countAuditedByDemo(t, db); n != len(dataset) {
			t.Errorf("%d audit rows name the demo loader; want %d", n, len(dataset))
		}

		loaded, err = Load(ctx, db)
		if err != nil || loaded {
			t.Errorf("second Load = %v, %v; want false, nil", loaded, err)
		}
		if n, err := db.CountOrganisations(ctx); err != nil || n != len(dataset) {
			t.Errorf("after the second Load: %d organisations, %v; want %d", n, err, len(dataset))
		}
	})
}

// countAuditedByDemo counts the audit rows the demo loader wrote. The store
// offers no way to read the audit log, so this queries it through one of the
// store's pools (every pool reaches the same database).
func countAuditedByDemo(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	for _, pool := range db.Pools() {
		var n int
		err := pool.QueryRowContext(context.Background(),
			"SELECT COUNT(*) FROM audit_log WHERE entity = 'organisation' AND actor_address = $1", ActorAddress).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	t.Fatal("the store has no connection pool")
	return 0
}

// checkStored matches every stored organisation with its seed by English
// name, checks that it was stored as written and under the right parent, and
// returns the stored organisations by seed key.
func checkStored(t *testing.T, stored []parasat.Organisation) map[string]parasat.Organisation {
	t.Helper()
	byName := map[string]parasat.Organisation{}
	for _, o := range stored {
		byName[o.Name.EN] = o
	}
	byKey := map[string]parasat.Organisation{}
	for _, s := range dataset {
		o, ok := byName[s.en]
		if !ok {
			t.Errorf("%s was not stored", s.key)
			continue
		}
		byKey[s.key] = o
		want := s.organisation()
		if o.Name != want.Name || o.Type != want.Type || o.Region != want.Region || o.BIN != want.BIN ||
			o.Contacts != want.Contacts {
			t.Errorf("%s stored as %+v; want %+v", s.key, o, want)
		}
		for _, lang := range parasat.Languages {
			if o.Name.In(lang) == "" {
				t.Errorf("%s stored without a name in %s", s.key, lang)
			}
		}
		switch parent, ok := byKey[s.parent]; {
		case s.parent == "" && o.ParentID != nil:
			t.Errorf("%s has parent %d; want none", s.key, *o.ParentID)
		case s.parent != "" && (!ok || o.ParentID == nil || *o.ParentID != parent.ID):
			t.Errorf("%s has parent %v; want %s (%d)", s.key, o.ParentID, s.parent, parent.ID)
		}
	}
	return byKey
}

func TestLoadLeavesANonEmptyDatabaseAlone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "test"})
		company := &parasat.Organisation{
			Name:   parasat.Names{RU: "ТОО «Пример»", EN: "Primer LLP"},
			Type:   parasat.OrgCompany,
			Region: "KZ-75",
		}
		if err := db.CreateOrganisation(ctx, company); err != nil {
			t.Fatal(err)
		}
		loaded, err := Load(ctx, db)
		if err != nil || loaded {
			t.Fatalf("Load on a database with one organisation = %v, %v; want false, nil", loaded, err)
		}
		list, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != company.ID {
			t.Errorf("after Load the database holds %+v; want only the company", list)
		}
	})
}

// failingStore is an empty store whose create fails after a number of successes.
type failingStore struct {
	parasat.OrganisationService // nil: calling anything else panics, which the test would show
	created, failAfter          int
	actors                      []parasat.Actor
}

var errDown = errors.New("database went away")

func (s *failingStore) CountOrganisations(context.Context) (int, error) { return 0, nil }

func (s *failingStore) CreateOrganisation(ctx context.Context, o *parasat.Organisation) error {
	s.actors = append(s.actors, parasat.ActorFrom(ctx))
	if s.created == s.failAfter {
		return errDown
	}
	s.created++
	o.ID = int64(s.created)
	return nil
}

func TestLoadStopsAtTheFirstFailedCreate(t *testing.T) {
	for _, tc := range []struct {
		failAfter  int
		wantLoaded bool
	}{{0, false}, {3, true}} {
		store := &failingStore{failAfter: tc.failAfter}
		loaded, err := Load(context.Background(), store)
		if !errors.Is(err, errDown) || loaded != tc.wantLoaded {
			t.Errorf("failing after %d: Load = %v, %v; want %v, %v", tc.failAfter, loaded, err, tc.wantLoaded, errDown)
		}
		if len(store.actors) != tc.failAfter+1 {
			t.Errorf("failing after %d: %d creates tried; want Load to stop at the failure", tc.failAfter, len(store.actors))
		}
		for _, a := range store.actors {
			if a.Address != ActorAddress || a.UserID != 0 {
				t.Errorf("created as %+v; want the demo actor", a)
			}
		}
	}
}
