package demo

import (
	"context"
	"fmt"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/password"
)

// Password is the password of every demonstration account. It is public
// (README, the log of `serve --demo`): the accounts exist only in a database
// the demo was loaded into, which holds fictional people only.
const Password = "parasat-demo"

// Account is one demonstration account, for the people trying Parasat out:
// one for each role, so that each sees what that role sees.
type Account struct {
	Email string
	Role  parasat.Role
	// What the account is for, in English, for the log and the README.
	About string
}

// Accounts are the demonstration accounts Load creates, widest role first.
var Accounts = []Account{
	{"admin@demo.parasat.kz", parasat.RoleAdmin, "the national Secretariat: everything, everywhere"},
	{"coordinator@demo.parasat.kz", parasat.RoleCoordinator, "the House of Friendship of Astana (KZ-71)"},
	{"manager@demo.parasat.kz", parasat.RoleManager, "the Council of Mothers of Astana"},
	{"volunteer@demo.parasat.kz", parasat.RoleVolunteer, "a volunteer of the capital with shifts and hours"},
	{"patron@demo.parasat.kz", parasat.RolePatron, "a member of the Club of patrons with gifts and receipts"},
}

// AccountStore is what the demo accounts need: accounts, and the registers
// the volunteer's and the patron's accounts are linked to.
type AccountStore interface {
	parasat.UserService
	parasat.VolunteerService
	parasat.PatronService
	parasat.DonationService
}

// loadAccounts creates the demonstration accounts, after everything else so
// that the volunteer's account is the capital's volunteer with the most
// confirmed hours and the patron's the person who gave most often.
func loadAccounts(ctx context.Context, store AccountStore, ids map[string]int64) error {
	hash, err := password.Hash(Password)
	if err != nil {
		return fmt.Errorf("demo: accounts: %w", err)
	}
	volunteer, err := busiestVolunteer(ctx, store)
	if err != nil {
		return err
	}
	patron, err := mostGenerousPerson(ctx, store)
	if err != nil {
		return err
	}
	mothers := ids["mothers"]
	people := []struct {
		name  string
		lang  parasat.Language
		grant parasat.Grant
	}{
		{"Айгерім Сейітова", parasat.Kazakh, parasat.Grant{Role: parasat.RoleAdmin}},
		{"Ержан Құдайбергенов", parasat.Kazakh, parasat.Grant{Role: parasat.RoleCoordinator, Region: parasat.CapitalCode}},
		{"Наталья Ким", parasat.Russian, parasat.Grant{Role: parasat.RoleManager, OrganisationID: &mothers}},
		{volunteer.FullName, parasat.Kazakh, parasat.Grant{Role: parasat.RoleVolunteer}},
		{patron.Name, parasat.Russian, parasat.Grant{Role: parasat.RolePatron}},
	}
	for i, a := range Accounts {
		u := &parasat.User{Email: a.Email, Name: people[i].name, Language: people[i].lang, Grants: []parasat.Grant{people[i].grant}}
		if err := store.CreateUser(ctx, u, hash); err != nil {
			return fmt.Errorf("demo: account %s: %w", a.Email, err)
		}
		switch a.Role {
		case parasat.RoleVolunteer:
			volunteer.UserID = &u.ID
			if err := store.UpdateVolunteer(ctx, volunteer); err != nil {
				return fmt.Errorf("demo: link %s to volunteer %d: %w", a.Email, volunteer.ID, err)
			}
		case parasat.RolePatron:
			patron.UserID = &u.ID
			if err := store.UpdatePatron(ctx, patron); err != nil {
				return fmt.Errorf("demo: link %s to patron %d: %w", a.Email, patron.ID, err)
			}
		}
	}
	return nil
}

// busiestVolunteer is, of the first approved volunteers of the capital (the
// ones the demo's shifts are staffed with first), the one with the most
// confirmed hours.
func busiestVolunteer(ctx context.Context, store AccountStore) (*parasat.Volunteer, error) {
	list, err := store.ListVolunteers(ctx, parasat.VolunteerFilter{Region: parasat.CapitalCode,
		Status: parasat.VolunteerApproved, Visibility: parasat.Visibility{All: true}, Limit: 30})
	if err != nil || len(list) == 0 {
		return nil, fmt.Errorf("demo: no approved volunteer of the capital for the volunteer's account (%v)", err)
	}
	best, bestMinutes := &list[0], int64(-1)
	if hs, ok := store.(parasat.ShiftService); ok {
		for i := range list {
			h, err := hs.VolunteerHours(ctx, list[i].ID, parasat.HoursFilter{Limit: 1})
			if err != nil {
				return nil, fmt.Errorf("demo: hours of volunteer %d: %w", list[i].ID, err)
			}
			if h.ConfirmedMinutes > bestMinutes {
				best, bestMinutes = &list[i], h.ConfirmedMinutes
			}
		}
	}
	return best, nil
}

// mostGenerousPerson is the patron, a person of the capital, with the most
// gifts recorded.
func mostGenerousPerson(ctx context.Context, store AccountStore) (*parasat.Patron, error) {
	list, err := store.ListPatrons(ctx, parasat.PatronFilter{Region: parasat.CapitalCode, Kind: parasat.PatronPerson,
		Visibility: parasat.Visibility{All: true}, Limit: 100})
	if err != nil || len(list) == 0 {
		return nil, fmt.Errorf("demo: no patron of the capital for the patron's account (%v)", err)
	}
	best, bestGifts := &list[0], -1
	for i := range list {
		gifts, err := store.ListDonations(ctx, parasat.DonationFilter{PatronID: list[i].ID,
			Visibility: parasat.Visibility{All: true}, Limit: 500})
		if err != nil {
			return nil, fmt.Errorf("demo: gifts of patron %d: %w", list[i].ID, err)
		}
		if len(gifts) > bestGifts {
			best, bestGifts = &list[i], len(gifts)
		}
	}
	return best, nil
}
