package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// TestErasureMakesPersonalHistoryUnreadable: the audit log of a person keeps
// their personal values readable to those who may see them, never in clear
// text in the database, and unreadable for ever once the person is erased.
func TestErasureMakesPersonalHistoryUnreadable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		iin := ""
		for serial := 1000; iin == ""; serial++ {
			for d := 0; d <= 9 && iin == ""; d++ {
				if c := "8503154" + strconv.Itoa(serial) + strconv.Itoa(d); parasat.IINProblem(c) == "" {
					iin = c
				}
			}
		}
		b := &parasat.Beneficiary{FullName: "Жұмабаева Гүлнар", IIN: iin, BirthDate: parasat.Date{Time: mustDay("1985-03-15")},
			Sex: parasat.Female, Region: "KZ-71", Address: "Астана, Кенесары 40"}
		must(t, db.CreateBeneficiary(ctx, b))
		b.FullName = "Жұмабаева-Серікова Гүлнар"
		must(t, db.UpdateBeneficiary(ctx, b))

		var raw strings.Builder
		rows, err := db.read.QueryContext(ctx, "SELECT COALESCE(CAST(before AS TEXT), ''), COALESCE(CAST(after AS TEXT), '') FROM audit_log")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var before, after string
			must(t, rows.Scan(&before, &after))
			raw.WriteString(before + after)
		}
		rows.Close()
		for _, secret := range []string{"Жұмабаева", iin, "Кенесары"} {
			if strings.Contains(raw.String(), secret) {
				t.Errorf("the audit table holds %q in clear text", secret)
			}
		}
		history, err := db.ListAudit(ctx, parasat.AuditFilter{Entity: "beneficiary", EntityID: strconv.FormatInt(b.ID, 10)})
		if err != nil || len(history) != 2 {
			t.Fatalf("history: %d, %v", len(history), err)
		}
		if !strings.Contains(string(history[0].After), "Жұмабаева-Серікова") || !strings.Contains(string(history[1].After), iin) {
			t.Errorf("the history is not readable before erasure: %s / %s", history[0].After, history[1].After)
		}

		must(t, db.AnonymiseBeneficiary(ctx, b.ID))
		history, _ = db.ListAudit(ctx, parasat.AuditFilter{Entity: "beneficiary", EntityID: strconv.FormatInt(b.ID, 10)})
		for _, h := range history {
			text := string(h.Before) + string(h.After)
			if strings.Contains(text, "Жұмабаева") || strings.Contains(text, iin) {
				t.Errorf("entry %d still shows personal data after erasure: %s", h.ID, text)
			}
		}
		if !strings.Contains(string(history[len(history)-1].After), ErasedValue) {
			t.Errorf("the creation entry does not say its values were erased: %s", history[len(history)-1].After)
		}
		if !strings.Contains(string(history[len(history)-1].After), `"region":"KZ-71"`) {
			t.Errorf("erasure removed what statistics need: %s", history[len(history)-1].After)
		}
	})
}

func mustDay(s string) time.Time {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d.Time
}

// TestBulkCreateIsAllOrNothing: one bad person in a batch writes nobody.
func TestBulkCreateIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		person := func(name, iin string) *parasat.Beneficiary {
			return &parasat.Beneficiary{FullName: name, IIN: iin, BirthDate: parasat.Date{Time: mustDay("1985-03-15")},
				Sex: parasat.Female, Region: "KZ-71"}
		}
		var iins []string
		for serial := 2000; len(iins) < 3; serial++ {
			for d := 0; d <= 9; d++ {
				if c := "8503154" + strconv.Itoa(serial) + strconv.Itoa(d); parasat.IINProblem(c) == "" {
					iins = append(iins, c)
					break
				}
			}
		}
		batch := []*parasat.Beneficiary{person("Бір", iins[0]), person("Екі", iins[1]), person("Бірінші қайта", iins[0])}
		if err := db.CreateBeneficiaries(ctx, batch); parasat.ErrorCode(err) != parasat.EConflict {
			t.Fatalf("a batch with a repeated IIN: %v; want a conflict", err)
		}
		if list, _ := db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{}); len(list) != 0 {
			t.Errorf("a failed batch wrote %d people", len(list))
		}
		must(t, db.CreateBeneficiaries(ctx, []*parasat.Beneficiary{person("Бір", iins[0]), person("Екі", iins[1])}))
		if list, _ := db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{}); len(list) != 2 {
			t.Errorf("a good batch wrote %d people; want 2", len(list))
		}
	})
}
