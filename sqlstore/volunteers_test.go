package sqlstore

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func date(t *testing.T, s string) *parasat.Date {
	t.Helper()
	d, err := parasat.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// adultVolunteer is a valid volunteer of KZ-71 who signed up on 1 March 2026.
func adultVolunteer(t *testing.T, name string, orgs ...int64) *parasat.Volunteer {
	return &parasat.Volunteer{
		FullName: name, BirthDate: *date(t, "1990-05-17"), Region: "KZ-71", City: "Астана",
		Phone: "+7 701 000 00 01", Organisations: orgs, Skills: []string{"driving"},
		Languages: []parasat.Language{parasat.Kazakh, parasat.Russian},
		Consent:   parasat.Consent{GivenOn: date(t, "2026-03-01"), Scope: "Деректерімді еріктілер тізілімінде өңдеуге келісемін"},
	}
}

func createOrgs(t *testing.T, db *DB, names ...string) []int64 {
	t.Helper()
	var ids []int64
	for _, n := range names {
		o := newOrg(n)
		if err := db.CreateOrganisation(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	return ids
}

func countVolunteers(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow("SELECT COUNT(*) FROM volunteers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func auditRegion(t *testing.T, db *DB, entity string, id int64) []string {
	t.Helper()
	rows, err := db.read.Query("SELECT COALESCE(region_code, '') FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
		entity, strconv.FormatInt(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestVolunteerCreateReadUpdateIsAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.7"})
		orgs := createOrgs(t, db, "Аналар кеңесі", "Жастар қанаты")
		teen := adultVolunteer(t, "  Әлия   Серікқызы ", orgs[1], orgs[0], orgs[1])
		teen.BirthDate = *date(t, "2009-09-01") // 16 on the day of the consent
		teen.Skills = []string{"Cooking", "it", "it"}
		teen.ParentConsent = &parasat.ParentConsent{Name: "Гүлнар Серікова", Phone: "+7 701 000 00 02", GivenOn: *date(t, "2026-03-01")}
		teen.EmergencyContact = parasat.EmergencyContact{Name: "Гүлнар Серікова", Phone: "+7 701 000 00 02"}
		teen.Availability = parasat.Availability{Weekends: true}
		if err := db.CreateVolunteer(ctx, teen); err != nil {
			t.Fatal(err)
		}
		if teen.FullName != "Әлия Серікқызы" || teen.Status != parasat.VolunteerPending || !teen.Created.Equal(fixedNow) ||
			!slices.Equal(teen.Organisations, orgs) || !slices.Equal(teen.Skills, []string{"cooking", "it"}) {
			t.Errorf("after create: %+v", teen)
		}
		got, err := db.Volunteer(ctx, teen.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.FullName != teen.FullName || !got.BirthDate.Equal(teen.BirthDate.Time) || !slices.Equal(got.Organisations, orgs) ||
			!slices.Equal(got.Skills, teen.Skills) || !slices.Equal(got.Languages, teen.Languages) ||
			got.Availability != teen.Availability || got.EmergencyContact != teen.EmergencyContact ||
			got.ParentConsent == nil || *got.ParentConsent != *teen.ParentConsent ||
			!got.Consent.GivenOn.Equal(teen.Consent.GivenOn.Time) || got.Consent.Scope != teen.Consent.Scope ||
			got.Status != parasat.VolunteerPending || got.DecidedAt != nil || got.UserID != nil {
			t.Errorf("read back %+v\nwant %+v", got, teen)
		}

		got.City, got.Skills = "Қосшы", []string{"teaching"}
		if err := db.UpdateVolunteer(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Volunteer(ctx, teen.ID)
		if again.City != "Қосшы" || !slices.Equal(again.Skills, []string{"teaching"}) || !again.Created.Equal(fixedNow) {
			t.Errorf("after update: %+v", again)
		}
		entries := auditRows(t, db, "volunteer", strconv.FormatInt(teen.ID, 10))
		if len(entries) != 2 || entries[0].action != "create" || entries[1].action != "update" ||
			!strings.Contains(entries[1].before, "Астана") || !strings.Contains(entries[1].after, "teaching") ||
			strings.Contains(entries[1].after, "Серікқызы") {
			t.Errorf("audit = %+v", entries)
		}
		if regions := auditRegion(t, db, "volunteer", teen.ID); !slices.Equal(regions, []string{"KZ-71", "KZ-71"}) {
			t.Errorf("audit regions %v; want the volunteer's region on every row", regions)
		}
		if _, err := db.Volunteer(ctx, teen.ID+100); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
		missing := adultVolunteer(t, "Жоқ адам")
		missing.ID = teen.ID + 100
		if err := db.UpdateVolunteer(ctx, missing); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("update of an unknown id: %v", err)
		}
	})
}

func TestVolunteerRulesWriteNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		user := newUser(t, db, "linked@example.kz", "Linked")
		cases := []struct {
			name   string
			change func(v *parasat.Volunteer)
			want   string
		}{
			{"no name", func(v *parasat.Volunteer) { v.FullName = " " }, "full_name:required"},
			{"no birth date", func(v *parasat.Volunteer) { v.BirthDate = parasat.Date{} }, "birth_date:required"},
			{"born tomorrow", func(v *parasat.Volunteer) { v.BirthDate = *date(t, "2026-03-16") }, "birth_date:volunteer.birth_date"},
			{"13 years old", func(v *parasat.Volunteer) { v.BirthDate = *date(t, "2012-06-01") }, "birth_date:volunteer.too_young"},
			{"minor without a parent", func(v *parasat.Volunteer) { v.BirthDate = *date(t, "2009-06-01") }, "parent_consent:volunteer.parent_consent"},
			{"parent without phone", func(v *parasat.Volunteer) {
				v.BirthDate = *date(t, "2009-06-01")
				v.ParentConsent = &parasat.ParentConsent{Name: "Ана", GivenOn: *date(t, "2026-03-01")}
			}, "parent_consent.phone:required"},
			{"no consent", func(v *parasat.Volunteer) { v.Consent.GivenOn = nil }, "consent:volunteer.consent"},
			{"consent tomorrow", func(v *parasat.Volunteer) { v.Consent.GivenOn = date(t, "2026-03-16") }, "consent.given_on:volunteer.future"},
			{"malformed region", func(v *parasat.Volunteer) { v.Region = "Astana" }, "region:region.code"},
			{"unknown region", func(v *parasat.Volunteer) { v.Region = "KZ-99" }, "region:region.unknown"},
			{"no way to reach", func(v *parasat.Volunteer) { v.Phone = "" }, "phone:volunteer.contact"},
			{"bad phone", func(v *parasat.Volunteer) { v.Phone = "call me" }, "phone:phone"},
			{"bad e-mail", func(v *parasat.Volunteer) { v.Email = "not an address" }, "email:email"},
			{"unknown organisation", func(v *parasat.Volunteer) { v.Organisations = []int64{4242} }, "organisations:organisation.unknown"},
			{"unknown skill", func(v *parasat.Volunteer) { v.Skills = []string{"juggling"} }, "skills:skill.unknown"},
			{"unknown language", func(v *parasat.Volunteer) { v.Languages = []parasat.Language{"de"} }, "languages:language"},
			{"unknown account", func(v *parasat.Volunteer) { id := user.ID + 99; v.UserID = &id }, "user_id:person.account_unknown"},
			{"unknown status", func(v *parasat.Volunteer) { v.Status = "maybe" }, "status:volunteer.status"},
		}
		for _, c := range cases {
			v := adultVolunteer(t, "Ержан Сейітов")
			c.change(v)
			err := db.CreateVolunteer(ctx, v)
			if parasat.ErrorCode(err) != parasat.EInvalid || fieldOf(err) != c.want {
				t.Errorf("%s: %v (%s); want %s", c.name, err, fieldOf(err), c.want)
			}
		}
		if n := countVolunteers(t, db); n != 0 {
			t.Errorf("refused creates wrote %d volunteers", n)
		}
		if rows := auditRows(t, db, "volunteer", "1"); len(rows) != 0 {
			t.Errorf("refused creates wrote audit rows: %+v", rows)
		}
	})
}

func TestVolunteerDuplicatesAndLinkedAccountsAreConflicts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		user := newUser(t, db, "erzhan@example.kz", "Ержан")
		first := adultVolunteer(t, "Ержан Қасымов")
		first.UserID = &user.ID
		if err := db.CreateVolunteer(ctx, first); err != nil {
			t.Fatal(err)
		}
		// The same person spelled the Russian way.
		again := adultVolunteer(t, "ЕРЖАН  КАСЫМОВ")
		err := db.CreateVolunteer(ctx, again)
		var e *parasat.Error
		if !errors.As(err, &e) || e.Code != parasat.EConflict || fieldOf(err) != "full_name:volunteer.duplicate" ||
			e.Existing == nil || e.Existing.ID != first.ID || e.Existing.Resource.Region != "KZ-71" {
			t.Errorf("duplicate: %v (%+v)", err, e)
		}
		namesake := adultVolunteer(t, "Ержан Қасымов")
		namesake.BirthDate = *date(t, "1991-01-01")
		namesake.UserID = &user.ID
		if err := db.CreateVolunteer(ctx, namesake); parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "user_id:person.account_linked" {
			t.Errorf("second volunteer on one account: %v", err)
		}
		namesake.UserID = nil
		if err := db.CreateVolunteer(ctx, namesake); err != nil {
			t.Errorf("a namesake born another day: %v", err)
		}
		if n := countVolunteers(t, db); n != 2 {
			t.Errorf("%d volunteers; want 2", n)
		}
	})
}

func TestDecideVolunteerRecordsWhoAndWhen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		manager := newUser(t, db, "manager@example.kz", "Менеджер")
		ctx := parasat.WithActor(context.Background(), parasat.Actor{UserID: manager.ID, Address: "192.0.2.9"})
		v := adultVolunteer(t, "Дана Омарова")
		if err := db.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		approved, err := db.DecideVolunteer(ctx, v.ID, parasat.VolunteerApproved)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := db.Volunteer(ctx, v.ID)
		for _, x := range []*parasat.Volunteer{approved, got} {
			if x.Status != parasat.VolunteerApproved || x.DecidedBy == nil || *x.DecidedBy != manager.ID ||
				x.DecidedAt == nil || !x.DecidedAt.Equal(fixedNow) {
				t.Errorf("after approval: status %s by %v at %v", x.Status, x.DecidedBy, x.DecidedAt)
			}
		}
		if _, err := db.DecideVolunteer(ctx, v.ID, parasat.VolunteerApproved); parasat.ErrorCode(err) != parasat.EConflict ||
			fieldOf(err) != "status:volunteer.decided" {
			t.Errorf("approving twice: %v", err)
		}
		if _, err := db.DecideVolunteer(ctx, v.ID, parasat.VolunteerPending); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("deciding pending: %v", err)
		}
		if _, err := db.DecideVolunteer(ctx, v.ID+1, parasat.VolunteerRejected); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("deciding an unknown volunteer: %v", err)
		}
		if _, err := db.DecideVolunteer(ctx, v.ID, parasat.VolunteerRejected); err != nil {
			t.Errorf("rejecting after approval: %v", err)
		}
		entries := auditRows(t, db, "volunteer", strconv.FormatInt(v.ID, 10))
		if len(entries) != 3 || !strings.Contains(entries[1].before, `"status":"pending"`) ||
			!strings.Contains(entries[1].after, `"status":"approved"`) || entries[1].actor.Int64 != manager.ID {
			t.Errorf("audit of decisions = %+v", entries)
		}
		// Editing keeps the decision.
		got, _ = db.Volunteer(ctx, v.ID)
		got.Status, got.DecidedBy = parasat.VolunteerApproved, nil
		if err := db.UpdateVolunteer(ctx, got); err != nil {
			t.Fatal(err)
		}
		if after, _ := db.Volunteer(ctx, v.ID); after.Status != parasat.VolunteerRejected || after.DecidedBy == nil {
			t.Errorf("an edit changed the decision: %s by %v", after.Status, after.DecidedBy)
		}
	})
}

func TestCreateVolunteersIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		batch := func(names ...string) []*parasat.Volunteer {
			var out []*parasat.Volunteer
			for i, n := range names {
				v := adultVolunteer(t, n)
				v.BirthDate = *date(t, "19"+strconv.Itoa(70+i)+"-01-01")
				out = append(out, v)
			}
			return out
		}
		bad := batch("Бір", "Екі", "Үш")
		bad[2].Region = "KZ-99"
		if err := db.CreateVolunteers(ctx, bad); fieldOf(err) != "2.region:region.unknown" {
			t.Errorf("a batch with an unknown region: %v (%s)", err, fieldOf(err))
		}
		dup := batch("Төрт", "Бес")
		dup[1].FullName, dup[1].BirthDate = "Төрт", dup[0].BirthDate
		if err := db.CreateVolunteers(ctx, dup); parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "1.full_name:volunteer.duplicate" {
			t.Errorf("a batch with a duplicate: %v", err)
		}
		if n := countVolunteers(t, db); n != 0 {
			t.Fatalf("refused batches wrote %d volunteers", n)
		}
		good := batch("Алты", "Жеті", "Сегіз")
		good[1].Status = parasat.VolunteerApproved
		if err := db.CreateVolunteers(ctx, good); err != nil {
			t.Fatal(err)
		}
		if n := countVolunteers(t, db); n != 3 || good[1].DecidedAt == nil || good[0].DecidedAt != nil {
			t.Errorf("after a good batch: %d volunteers, decided %v/%v", n, good[0].DecidedAt, good[1].DecidedAt)
		}
	})
}
