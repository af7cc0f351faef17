package parasat

import (
	"testing"
	"time"
)

// At 19:36 UTC on 1 December it is already 2 December in Kazakhstan: a
// consent given "today" there is not in the future.
func TestBeneficiaryDatesAreTakenInKazakhstan(t *testing.T) {
	now := time.Date(2026, 12, 1, 19, 36, 0, 0, time.UTC)
	today := DayInKazakhstan(now)
	if got := today.Format("2006-01-02"); got != "2026-12-02" {
		t.Fatalf("day in Kazakhstan = %s, want 2026-12-02", got)
	}
	b := Beneficiary{FullName: "Сейітова Айгерім", IIN: "900101400007", BirthDate: today, Sex: Female,
		Region: "KZ-71", Consent: Consent{GivenOn: &today, Scope: "help"}}
	if d, ok := CheckDigit(b.IIN[:11]); ok {
		b.IIN = b.IIN[:11] + string(rune('0'+d))
	}
	if err := b.Validate(now); err != nil {
		t.Fatalf("a birth date and a consent of today in Kazakhstan are refused: %v", err)
	}
	tomorrow := Date{today.AddDate(0, 0, 1)}
	b.Consent.GivenOn = &tomorrow
	if err := b.Validate(now); err == nil {
		t.Fatal("a consent given tomorrow in Kazakhstan is accepted")
	}
}
