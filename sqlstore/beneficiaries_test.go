package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// ymd parses a YYYY-MM-DD date or panics.
func ymd(s string) parasat.Date {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// personBorn is a beneficiary with only the required fields.
func personBorn(name, birth string, sex parasat.Sex, region string, serial int) *parasat.Beneficiary {
	return &parasat.Beneficiary{FullName: name, IIN: makeIIN(ymd(birth), sex, serial), BirthDate: ymd(birth), Sex: sex, Region: region}
}

func rowCount(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.read.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// asRead is b as the store returns it: no nil lists.
func asRead(b *parasat.Beneficiary) *parasat.Beneficiary {
	c := *b
	if c.Categories == nil {
		c.Categories = []parasat.CategoryAssignment{}
	}
	if c.Organisations == nil {
		c.Organisations = []int64{}
	}
	return &c
}

// beneficiaryHistory returns the audit entries of a beneficiary, oldest first, with
// personal values opened and before/after as canonical JSON.
func beneficiaryHistory(t *testing.T, db *DB, id int64) []parasat.AuditEntry {
	t.Helper()
	entries, err := db.ListAudit(context.Background(), parasat.AuditFilter{Entity: "beneficiary", EntityID: strconv.FormatInt(id, 10)})
	must(t, err)
	slices.Reverse(entries)
	for i := range entries {
		entries[i].Before = json.RawMessage(canonicalJSON(t, string(entries[i].Before)))
		entries[i].After = json.RawMessage(canonicalJSON(t, string(entries[i].After)))
	}
	return entries
}

func fieldCodes(ws []parasat.FieldError) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Field+":"+w.Code)
	}
	return out
}

func TestCreateBeneficiaryWithRequiredFieldsOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.1"})
		b := personBorn("  Сейітова   Айгерім Нұрланқызы ", "1985-03-15", parasat.Female, " kz-71", 1)
		must(t, db.CreateBeneficiary(ctx, b))
		if b.ID == 0 || b.FullName != "Сейітова Айгерім Нұрланқызы" || b.Region != "KZ-71" || !b.Created.Equal(fixedNow) || b.Warnings != nil {
			t.Errorf("after create: %+v", b)
		}
		got, err := db.Beneficiary(ctx, b.ID)
		must(t, err)
		if got.Categories == nil || got.Organisations == nil {
			t.Errorf("categories %#v, organisations %#v: want empty slices, not nil", got.Categories, got.Organisations)
		}
		if !reflect.DeepEqual(got, asRead(b)) {
			t.Errorf("read back\n %+v\nwant\n %+v", got, b)
		}
		if byIIN, err := db.BeneficiaryByIIN(ctx, b.IIN); err != nil || byIIN.ID != b.ID {
			t.Errorf("by IIN: %+v, %v", byIIN, err)
		}
		if _, err := db.Beneficiary(ctx, b.ID+1); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown id: %v; want not found", err)
		}
		if h := beneficiaryHistory(t, db, b.ID); len(h) != 1 || h[0].Action != "create" || h[0].Region != "KZ-71" ||
			jsonFields(t, string(h[0].After))["iin"] != b.IIN || h[0].ActorAddress != "192.0.2.1" {
			t.Errorf("audit after create: %+v", h)
		}
	})
}

func TestCreateBeneficiaryRulesWriteNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		valid := makeIIN(ymd("1985-03-15"), parasat.Male, 1)
		wrongCheck := valid[:11] + strconv.Itoa((int(valid[11]-'0')+1)%10)
		cases := []struct {
			name   string
			change func(b *parasat.Beneficiary)
			want   string
		}{
			{"short IIN", func(b *parasat.Beneficiary) { b.IIN = "85031530001" }, "iin:iin.length"},
			{"letter in IIN", func(b *parasat.Beneficiary) { b.IIN = "85031530001O" }, "iin:iin.digits"},
			{"check digit", func(b *parasat.Beneficiary) { b.IIN = wrongCheck }, "iin:iin.checksum"},
			{"never issued", func(b *parasat.Beneficiary) { b.IIN = neverIssuedIIN() }, "iin:iin.never_issued"},
			{"no name", func(b *parasat.Beneficiary) { b.FullName = "  " }, "full_name:required"},
			{"born tomorrow", func(b *parasat.Beneficiary) { b.BirthDate = ymd("2026-03-16") }, "birth_date:birth_date.range"},
			{"unknown region", func(b *parasat.Beneficiary) { b.Region = "KZ-99" }, "region:region.unknown"},
			{"unknown organisation", func(b *parasat.Beneficiary) { b.Organisations = []int64{4242} }, "organisations:organisation.unknown"},
			{"unknown household", func(b *parasat.Beneficiary) { h := int64(4242); b.HouseholdID = &h }, "household_id:household.unknown"},
		}
		for _, c := range cases {
			b := personBorn("Ахметов Ерлан", "1985-03-15", parasat.Male, "KZ-71", 1)
			b.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryLowIncome}}
			c.change(b)
			if err := db.CreateBeneficiary(ctx, b); parasat.ErrorCode(err) != parasat.EInvalid || fieldOf(err) != c.want {
				t.Errorf("%s: %v (field %q); want invalid on %s", c.name, err, fieldOf(err), c.want)
			}
		}
		for _, table := range []string{"beneficiaries", "beneficiary_categories", "beneficiary_organisations", "erasable_keys"} {
			if n := rowCount(t, db, "SELECT COUNT(*) FROM "+table); n != 0 {
				t.Errorf("%d rows in %s after failed creates", n, table)
			}
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'beneficiary'"); n != 0 {
			t.Errorf("%d beneficiary audit rows after failed creates", n)
		}
	})
}

func TestIINDisagreeingWithBirthDateAndSexIsAWarning(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		b := personBorn("Нұрланов Асқар", "1985-03-15", parasat.Male, "KZ-71", 1) // the IIN says 15 March 1985, male
		b.BirthDate, b.Sex = ymd("1985-03-16"), parasat.Female
		must(t, db.CreateBeneficiary(ctx, b))
		want := []string{"birth_date:iin.birth_mismatch", "sex:iin.sex_mismatch"}
		if got := fieldCodes(b.Warnings); !reflect.DeepEqual(got, want) {
			t.Errorf("warnings on create: %v; want %v", got, want)
		}
		got, err := db.Beneficiary(ctx, b.ID)
		must(t, err)
		if fieldCodes(got.Warnings)[0] != want[0] || len(got.Warnings) != 2 || got.BirthDate != ymd("1985-03-16") || got.Sex != parasat.Female {
			t.Errorf("read back: warnings %v, birth %s, sex %s; want the entered values and %v", fieldCodes(got.Warnings), got.BirthDate, got.Sex, want)
		}
	})
}

// checkIINTaken checks the conflict of a second record with the IIN of first.
func checkIINTaken(t *testing.T, err error, first *parasat.Beneficiary) {
	t.Helper()
	e, ok := err.(*parasat.Error)
	if !ok || e.Code != parasat.EConflict || fieldOf(err) != "iin:iin.taken" {
		t.Fatalf("second record with the IIN: %v; want a conflict on iin:iin.taken", err)
	}
	want := &parasat.RecordRef{Entity: "beneficiary", ID: first.ID, Resource: asRead(first).Resource()}
	if !reflect.DeepEqual(e.Existing, want) {
		t.Errorf("Existing = %+v; want %+v", e.Existing, want)
	}
}

func TestDuplicateIINIsAConflictNamingTheFirstRecord(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		org := newOrg("Қазақ мәдени орталығы")
		org.Region = "KZ-75"
		must(t, db.CreateOrganisation(ctx, org))
		first := personBorn("Құсайынова Әсел", "1992-07-26", parasat.Female, "KZ-75", 3)
		first.Organisations = []int64{org.ID}
		must(t, db.CreateBeneficiary(ctx, first))
		second := personBorn("Кусаинова Асель", "1992-07-26", parasat.Female, "KZ-71", 3)
		checkIINTaken(t, db.CreateBeneficiary(ctx, second), first)
		if n := rowCount(t, db, "SELECT COUNT(*) FROM beneficiaries"); n != 1 {
			t.Errorf("%d beneficiaries; want 1", n)
		}
	})
}

func TestConcurrentCreatesOfOneIINMakeOneRecord(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		// SQLite's one writer connection takes them in turn; on PostgreSQL
		// they race and the unique index decides.
		const writers = 8
		iin := makeIIN(ymd("1970-01-02"), parasat.Male, 42)
		var (
			start = make(chan struct{})
			wg    sync.WaitGroup
			errs  = make([]error, writers)
			made  = make([]*parasat.Beneficiary, writers)
		)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				made[i] = personBorn(fmt.Sprintf("Серікбаев Дәурен %d", i), "1970-01-02", parasat.Male, "KZ-71", 42)
				<-start
				errs[i] = db.CreateBeneficiary(ctx, made[i])
			}()
		}
		close(start)
		wg.Wait()
		var winner *parasat.Beneficiary
		for i, err := range errs {
			if err == nil {
				if winner != nil {
					t.Fatalf("two creates of IIN %s succeeded: ids %d and %d", iin, winner.ID, made[i].ID)
				}
				winner = made[i]
			}
		}
		if winner == nil {
			t.Fatalf("no create succeeded: %v", errs)
		}
		for _, err := range errs {
			if err != nil {
				checkIINTaken(t, err, winner)
			}
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM beneficiaries WHERE iin = $1", iin); n != 1 {
			t.Errorf("%d records with IIN %s; want 1", n, iin)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'beneficiary'"); n != 1 {
			t.Errorf("%d audit rows; want 1", n)
		}
	})
}

func TestUpdateBeneficiaryReplacesAndAuditsChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		mothers, youth := newOrg("Ана кеңесі"), newOrg("Жастар қанаты")
		must(t, db.CreateOrganisation(ctx, mothers))
		must(t, db.CreateOrganisation(ctx, youth))
		b := personBorn("Жұмабаева Гүлнар", "1958-11-02", parasat.Female, "KZ-71", 5)
		b.Address, b.Categories, b.Organisations = "Абай даңғылы, 10", []parasat.CategoryAssignment{{Category: parasat.CategoryLowIncome}}, []int64{mothers.ID}
		must(t, db.CreateBeneficiary(ctx, b))
		other := personBorn("Оспанов Тимур", "2001-05-09", parasat.Male, "KZ-71", 6)
		must(t, db.CreateBeneficiary(ctx, other))

		from, until := ymd("2026-01-01"), ymd("2026-12-31")
		b.FullName, b.Phone = "Жұмабаева-Оспанова Гүлнар", "+7 701 000 00 00"
		b.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryDisability, ValidFrom: &from, ValidUntil: &until},
			{Category: parasat.CategoryPensioner}}
		b.Organisations = []int64{youth.ID}
		db.Now = func() time.Time { return fixedNow.Add(time.Hour) }
		must(t, db.UpdateBeneficiary(ctx, b))
		if b.Consent.RecordedBy != 0 {
			t.Errorf("consent recorded by %d without a consent", b.Consent.RecordedBy)
		}
		got, err := db.Beneficiary(ctx, b.ID)
		must(t, err)
		if !reflect.DeepEqual(got, asRead(b)) || !got.Updated.Equal(fixedNow.Add(time.Hour)) || !got.Created.Equal(fixedNow) {
			t.Errorf("read back\n %+v\nwant\n %+v", got, b)
		}
		entries := beneficiaryHistory(t, db, b.ID)
		wantBefore, wantAfter := `{"categories":[{"category":"low_income"}],"full_name":"Жұмабаева Гүлнар","organisations":[`+strconv.FormatInt(mothers.ID, 10)+`]}`,
			`{"categories":[{"category":"disability","valid_from":"2026-01-01","valid_until":"2026-12-31"},{"category":"pensioner"}],`+
				`"full_name":"Жұмабаева-Оспанова Гүлнар","organisations":[`+strconv.FormatInt(youth.ID, 10)+`],"phone":"+7 701 000 00 00"}`
		if len(entries) != 2 || entries[1].Action != "update" || entries[1].Region != "KZ-71" ||
			string(entries[1].Before) != wantBefore || string(entries[1].After) != wantAfter {
			t.Fatalf("audit: %+v\nwant the create and an update in KZ-71 from %s to %s", entries, wantBefore, wantAfter)
		}
		must(t, db.UpdateBeneficiary(ctx, got)) // no change: nothing to audit
		if n := len(beneficiaryHistory(t, db, b.ID)); n != 2 {
			t.Errorf("%d audit rows after an update that changed nothing; want 2", n)
		}

		clerk := newUser(t, db, "clerk@example.kz", "Дана")
		given := ymd("2026-03-14")
		got.Consent = parasat.Consent{GivenOn: &given, Scope: "көмек көрсету үшін"}
		must(t, db.UpdateBeneficiary(parasat.WithActor(ctx, parasat.Actor{UserID: clerk.ID}), got))
		got.Consent.Scope = "for help and reports" // the same date: still recorded by the clerk
		must(t, db.UpdateBeneficiary(ctx, got))
		if c, _ := db.Beneficiary(ctx, b.ID); c.Consent.RecordedBy != clerk.ID || c.Consent.Scope != "for help and reports" || *c.Consent.GivenOn != given {
			t.Errorf("consent %+v; want given on %s, recorded by %d", c.Consent, given, clerk.ID)
		}

		b.IIN = other.IIN
		checkIINTaken(t, db.UpdateBeneficiary(ctx, b), other)
		if again, _ := db.Beneficiary(ctx, b.ID); again.IIN != got.IIN || again.FullName != got.FullName {
			t.Errorf("the refused update changed the record: %+v", again)
		}
		missing := personBorn("Ешкім", "1990-01-01", parasat.Male, "KZ-71", 7)
		missing.ID = 4242
		if err := db.UpdateBeneficiary(ctx, missing); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("update of an unknown id: %v; want not found", err)
		}
	})
}

func TestVisitsAreLoggedNewestFirstAndAppendOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "aigerim@example.kz", "Айгерім")
		b := personBorn("Қасымов Рустам", "1979-09-30", parasat.Male, "KZ-71", 8)
		must(t, db.CreateBeneficiary(ctx, b))
		must(t, db.RecordVisit(parasat.WithActor(ctx, parasat.Actor{UserID: u.ID, Address: "192.0.2.7"}), b.ID))
		db.Now = func() time.Time { return fixedNow.Add(time.Minute) }
		must(t, db.RecordVisit(parasat.WithActor(ctx, parasat.Actor{Address: "cli"}), b.ID))
		got, err := db.Visits(ctx, b.ID, 10)
		must(t, err)
		want := []parasat.Visit{{At: fixedNow.Add(time.Minute), Address: "cli"},
			{At: fixedNow, UserID: u.ID, UserName: "Айгерім", Address: "192.0.2.7"}}
		if len(got) != 2 || !got[0].At.Equal(want[0].At) || !got[1].At.Equal(want[1].At) ||
			got[0].UserID != 0 || got[0].UserName != "" || got[0].Address != "cli" ||
			got[1].UserID != u.ID || got[1].UserName != "Айгерім" || got[1].Address != "192.0.2.7" {
			t.Errorf("visits %+v; want %+v", got, want)
		}
		if none, err := db.Visits(ctx, b.ID+1, 10); err != nil || none == nil || len(none) != 0 {
			t.Errorf("visits of another record: %#v, %v; want an empty list", none, err)
		}
		if _, err := db.write.ExecContext(ctx, "UPDATE record_visits SET address = 'forged'"); err == nil {
			t.Error("UPDATE of record_visits succeeded; it must be refused")
		}
		if _, err := db.write.ExecContext(ctx, "DELETE FROM record_visits"); err == nil {
			t.Error("DELETE from record_visits succeeded; it must be refused")
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM record_visits WHERE address <> 'forged'"); n != 2 {
			t.Errorf("%d visits left intact; want 2", n)
		}
	})
}

func TestAnonymiseKeepsOnlyWhatStatisticsNeed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		org := newOrg("Корей қауымдастығы")
		must(t, db.CreateOrganisation(ctx, org))
		b := personBorn("Ким Ольга Сергеевна", "1988-05-20", parasat.Female, "KZ-71", 9) // 1988 is a leap year
		b.LatinName, b.Address, b.Phone, b.Notes = "Kim Olga", "Кенесары көшесі, 4", "+7 702 111 22 33", "диабет"
		b.Categories, b.Organisations = []parasat.CategoryAssignment{{Category: parasat.CategoryDisability}}, []int64{org.ID}
		must(t, db.CreateBeneficiary(ctx, b))
		if err := db.AnonymiseBeneficiary(ctx, b.ID+1); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("anonymise an unknown id: %v; want not found", err)
		}

		db.Now = func() time.Time { return fixedNow.Add(time.Hour) }
		must(t, db.AnonymiseBeneficiary(ctx, b.ID))
		got, err := db.Beneficiary(ctx, b.ID)
		must(t, err)
		want := *asRead(b)
		want.FullName, want.LatinName, want.IIN, want.Address, want.Phone, want.Notes = "", "", "", "", "", ""
		want.BirthDate = ymd("1988-07-01") // the year is kept, day and month are not
		want.Updated, want.Anonymised = fixedNow.Add(time.Hour), &got.Updated
		if !reflect.DeepEqual(got, &want) || !got.Anonymised.Equal(fixedNow.Add(time.Hour)) {
			t.Errorf("anonymised record\n %+v\nwant\n %+v", got, &want)
		}
		if _, err := db.BeneficiaryByIIN(ctx, b.IIN); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the old IIN still finds a record: %v", err)
		}
		if found, _ := db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{Query: "ким"}); len(found) != 0 {
			t.Errorf("the old name still finds %d records", len(found))
		}
		if h := beneficiaryHistory(t, db, b.ID); len(h) != 2 || string(h[1].Before) != `{"anonymised":false}` || string(h[1].After) != `{"anonymised":true}` ||
			strings.Contains(string(h[0].After), "Ким") || strings.Contains(string(h[0].After), b.IIN) {
			t.Errorf("audit after the anonymisation: %+v", h)
		}

		db.Now = func() time.Time { return fixedNow.Add(2 * time.Hour) }
		must(t, db.AnonymiseBeneficiary(ctx, b.ID)) // a second time changes nothing
		if again, _ := db.Beneficiary(ctx, b.ID); !again.Updated.Equal(fixedNow.Add(time.Hour)) || len(beneficiaryHistory(t, db, b.ID)) != 2 {
			t.Errorf("a second anonymisation changed the record or the log: %+v", again)
		}
		if err := db.UpdateBeneficiary(ctx, got); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("update of the anonymised record as read: %v; want a conflict", err)
		}
		restored := personBorn("Ким Ольга Сергеевна", "1988-05-20", parasat.Female, "KZ-71", 10)
		restored.ID = b.ID
		if err := db.UpdateBeneficiary(ctx, restored); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("update of the anonymised record with a full one: %v; want a conflict", err)
		}
		again := personBorn("Ким Ольга Сергеевна", "1988-05-20", parasat.Female, "KZ-71", 9)
		must(t, db.CreateBeneficiary(ctx, again)) // the IIN is free again
		if again.ID == b.ID || again.IIN != b.IIN {
			t.Errorf("registered again as %d with %s", again.ID, again.IIN)
		}
	})
}
