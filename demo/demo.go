// Package demo fills an empty database with a small, coherent set of
// fictional organisations, so that a new installation (or a presentation)
// has something to show: the capital's Assembly with its ethno-cultural
// associations, Council of Mothers, youth wing, Club of patrons and a
// foundation, the national Secretariat, and a regional Assembly elsewhere.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/parasat-kz/parasat"
)

// ActorAddress is recorded in the audit log as the origin of the demo data,
// so that it can be told from anything people enter later.
const ActorAddress = "demo"

// Load creates the demo organisations if the database has none, and reports
// whether it did. A database with any organisation at all is left untouched,
// so calling Load at every start never duplicates the data and never mixes it
// with real records.
//
// The store has no transaction spanning several records, so the dataset is
// not written atomically. If a create fails midway, Load stops and returns
// the error; loaded then tells whether some organisations were already
// written. Such a partial dataset is not completed by a later Load (the
// database is no longer empty): start again from an empty database. For the
// same reason, run Load from one process, before the server takes requests.
func Load(ctx context.Context, orgs parasat.OrganisationService) (loaded bool, err error) {
	n, err := orgs.CountOrganisations(ctx)
	if err != nil {
		return false, fmt.Errorf("demo: count organisations: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	ctx = parasat.WithActor(ctx, parasat.Actor{Address: ActorAddress})
	ids := make(map[string]int64, len(dataset))
	for i, s := range dataset {
		o := s.organisation()
		if s.parent != "" {
			id, ok := ids[s.parent]
			if !ok { // a defect in dataset, caught by the tests
				return i > 0, fmt.Errorf("demo: %s: parent %q is not created before it", s.key, s.parent)
			}
			o.ParentID = &id
		}
		if err := orgs.CreateOrganisation(ctx, &o); err != nil {
			return i > 0, fmt.Errorf("demo: create %s (%d of %d): %w", s.key, i+1, len(dataset), err)
		}
		ids[s.key] = o.ID
	}
	if err := loadRegisters(ctx, orgs, ids, time.Now()); err != nil {
		return true, err
	}
	return true, nil
}
