package demo

import (
	"context"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/password"
	"github.com/parasat-kz/parasat/sqlstore"
)

// Each demonstration account signs in with the published password and holds
// its role; the volunteer's and the patron's accounts are the owners of a
// volunteer with hours and a patron with gifts, so they have something to see.
func TestDemoAccountsSignInAndOwnTheirRecords(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if loaded, err := Load(ctx, db); err != nil || !loaded {
			t.Fatalf("Load = %v, %v", loaded, err)
		}
		users := map[parasat.Role]*parasat.User{}
		for _, a := range Accounts {
			u, err := db.UserByEmail(ctx, a.Email)
			if err != nil {
				t.Fatalf("%s: %v", a.Email, err)
			}
			hash, err := db.PasswordHash(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := password.Verify(Password, hash); !ok || err != nil {
				t.Errorf("%s does not sign in with the demo password: %v", a.Email, err)
			}
			if len(u.Grants) != 1 || u.Grants[0].Role != a.Role {
				t.Errorf("%s holds %+v; want the role %s", a.Email, u.Grants, a.Role)
			}
			users[a.Role] = u
		}
		if g := users[parasat.RoleCoordinator].Grants[0]; g.Region != parasat.CapitalCode {
			t.Errorf("the coordinator coordinates %q; want the capital", g.Region)
		}

		vols, err := db.ListVolunteers(ctx, parasat.VolunteerFilter{Visibility: parasat.Visibility{OwnerUserID: users[parasat.RoleVolunteer].ID}, Limit: 10})
		if err != nil || len(vols) != 1 {
			t.Fatalf("the volunteer's account owns %d volunteers (%v); want 1", len(vols), err)
		}
		hours, err := db.VolunteerHours(ctx, vols[0].ID, parasat.HoursFilter{Limit: 5})
		if err != nil || hours.ConfirmedMinutes == 0 {
			t.Errorf("the demo volunteer has %+v confirmed hours (%v); want some", hours, err)
		}
		if !parasat.Can(users[parasat.RoleVolunteer], parasat.ReadVolunteer, vols[0].Resource()) {
			t.Error("the volunteer's account may not read its own record")
		}

		pats, err := db.ListPatrons(ctx, parasat.PatronFilter{Visibility: parasat.Visibility{OwnerUserID: users[parasat.RolePatron].ID}, Limit: 10})
		if err != nil || len(pats) != 1 {
			t.Fatalf("the patron's account owns %d patrons (%v); want 1", len(pats), err)
		}
		gifts, err := db.ListDonations(ctx, parasat.DonationFilter{PatronID: pats[0].ID, Visibility: parasat.Visibility{OwnerUserID: users[parasat.RolePatron].ID}, Limit: 50})
		if err != nil || len(gifts) == 0 {
			t.Errorf("the demo patron sees %d of their gifts (%v); want some", len(gifts), err)
		}
	})
}
