package parasat

import (
	"testing"
	"time"
)

func mustParseDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestYearsOld(t *testing.T) {
	for _, c := range []struct {
		birth, day string
		want       int
	}{
		{"2008-03-15", "2026-03-15", 18}, // the 18th birthday itself
		{"2008-03-16", "2026-03-15", 17},
		{"2008-02-29", "2026-02-28", 17}, // born on 29 February: of age on 1 March in a common year
		{"2008-02-29", "2026-03-01", 18},
		{"1956-12-31", "2026-01-01", 69},
	} {
		if got := YearsOld(mustParseDate(t, c.birth), mustParseDate(t, c.day)); got != c.want {
			t.Errorf("YearsOld(%s, %s) = %d; want %d", c.birth, c.day, got, c.want)
		}
	}
}

func TestDayInKazakhstan(t *testing.T) {
	// 19:30 UTC on 14 March is already 00:30 on 15 March in Astana (UTC+5).
	if got := DayInKazakhstan(time.Date(2026, 3, 14, 19, 30, 0, 0, time.UTC)); got.String() != "2026-03-15" {
		t.Errorf("DayInKazakhstan = %s; want 2026-03-15", got)
	}
	if got := DayInKazakhstan(time.Date(2026, 3, 14, 18, 59, 0, 0, time.UTC)); got.String() != "2026-03-14" {
		t.Errorf("DayInKazakhstan = %s; want 2026-03-14", got)
	}
}

func TestParentConsentIsJudgedOnTheDayOfConsent(t *testing.T) {
	today := mustParseDate(t, "2026-03-15")
	signedUp := mustParseDate(t, "2025-09-01")
	v := &Volunteer{FullName: "Айбек Нұров", BirthDate: mustParseDate(t, "2008-01-10"), Region: "KZ-71",
		Phone: "+7 701 000 00 00", Consent: Consent{GivenOn: &signedUp, Scope: "келісемін"}}
	v.Normalize()
	// Eighteen today, but seventeen when he signed up: his parent's consent is still needed.
	if err := v.Validate(today); fieldOfErr(err) != "parent_consent" {
		t.Errorf("signed up at 17 without a parent: %v", err)
	}
	v.Consent.GivenOn = &today
	if err := v.Validate(today); err != nil {
		t.Errorf("signed up at 18: %v", err)
	}
	if v.Organisations == nil || v.Skills == nil || v.Languages == nil || v.Status != VolunteerPending {
		t.Errorf("Normalize left %+v", v)
	}
}

func fieldOfErr(err error) string {
	if e, ok := err.(*Error); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func TestPatronBINIsRequiredOnlyForCompanies(t *testing.T) {
	p := &Patron{Kind: PatronPerson, Name: "Мария Ли", Region: "KZ-75"}
	if err := p.Validate(); err != nil {
		t.Errorf("a person without BIN: %v", err)
	}
	p.Kind = PatronCompany
	if err := p.Validate(); fieldOfErr(err) != "bin" {
		t.Errorf("a company without BIN: %v", err)
	}
	p.BIN = "190440000010"
	if err := p.Validate(); err != nil {
		t.Errorf("a company with a valid BIN: %v", err)
	}
	if r := p.Resource(); r.Region != "KZ-75" || r.OwnerUserID != 0 {
		t.Errorf("Resource = %+v", r)
	}
}
