package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// CreatePatron records a patron.
func (db *DB) CreatePatron(ctx context.Context, p *parasat.Patron) error {
	if err := preparePatron(p); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertPatrons(ctx, tx, []*parasat.Patron{p}) })
}

// CreatePatrons records several patrons in one transaction, all or none;
// field names of a refused one are prefixed with its index. The rows, links
// and audit rows are written in multi-row statements.
func (db *DB) CreatePatrons(ctx context.Context, ps []*parasat.Patron) error {
	first := map[string]int{}
	for i, p := range ps {
		if err := preparePatron(p); err != nil {
			return atIndex(i, err)
		}
		keys := p.IdentityKeys()
		for _, k := range keys {
			if j, dup := first[k]; dup {
				return atIndex(i, &parasat.Error{Code: parasat.EConflict, Message: "the same patron is given twice",
					Fields: []parasat.FieldError{{Field: "name", Code: "patron.twice_in_file",
						Message: fmt.Sprintf("patron %d is the same person or company", j)}}})
			}
		}
		for _, k := range keys {
			first[k] = i
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := db.insertPatrons(ctx, tx, ps)
		if parasat.ErrorCode(err) == parasat.EInvalid {
			for i, p := range ps { // say whose reference is missing
				if refErr := patronRefs(p).check(ctx, tx); refErr != nil {
					return atIndex(i, refErr)
				}
			}
		}
		return err
	})
}

var patronInsertColumns = []string{"kind", "name", "name_key", "search_text", "bin", "phone", "email", "website", "address",
	"region_code", "public_consent", "user_id", "notes", "created_at", "updated_at"}

// insertPatrons writes prepared patrons, their links and audit rows.
func (db *DB) insertPatrons(ctx context.Context, tx *sql.Tx, ps []*parasat.Patron) error {
	checks := []refCheck{
		{"regions", "code", map[any]bool{}, parasat.FieldError{Field: "region", Code: "region.unknown", Message: "no region has this code"}},
		{"organisations", "id", map[any]bool{}, parasat.FieldError{Field: "supported_organisations", Code: "organisation.unknown",
			Message: "no organisation has this id"}},
		{"users", "id", map[any]bool{}, parasat.FieldError{Field: "user_id", Code: "person.account_unknown", Message: "no account has this id"}},
	}
	now := db.now()
	for _, p := range ps {
		checks[0].values[p.Region] = true
		for _, o := range p.SupportedOrganisations {
			checks[1].values[o] = true
		}
		if p.UserID != nil {
			checks[2].values[*p.UserID] = true
		}
		p.Created, p.Updated = now, now
	}
	if err := checkRefs(ctx, tx, checks...); err != nil {
		return err
	}
	if err := patronInsert(db).run(ctx, db, tx, ps); err != nil {
		return err
	}
	var orgs [][]any
	audits := make([]batchAudit, len(ps))
	for i, p := range ps {
		for _, o := range p.SupportedOrganisations {
			orgs = append(orgs, []any{p.ID, o})
		}
		audits[i] = batchAudit{strconv.FormatInt(p.ID, 10), p.Region, p}
	}
	if err := db.insertMany(ctx, tx, "patron_organisations", "patron_id, organisation_id", orgs); err != nil {
		return fmt.Errorf("write the patrons' organisations: %w", err)
	}
	return db.auditCreates(ctx, tx, "patron", audits)
}

// patronInsert writes patrons, each found back by their first identity key.
func patronInsert(db *DB) bulkInsert[*parasat.Patron] {
	return bulkInsert[*parasat.Patron]{table: "patrons", columns: patronInsertColumns,
		values:    func(p *parasat.Patron) []any { return append(patronValues(p), p.Created, p.Updated) },
		returning: "id, kind, name_key, COALESCE(bin, ''), phone, email",
		scan: func(rows *sql.Rows) (int64, keyed, error) {
			var got parasat.Patron
			err := rows.Scan(&got.ID, &got.Kind, &got.Name, &got.BIN, &got.Contacts.Phone, &got.Contacts.Email)
			return got.ID, &got, err
		},
		setID: func(p *parasat.Patron, id int64) { p.ID = id },
		failed: func(ctx context.Context, chunk []*parasat.Patron, err error) error {
			culprit := chunk[0]
			if violates(err, uniqueViolation, "bin") {
				if ids, merr := db.MatchPatrons(ctx, chunk); merr == nil {
					for i, id := range ids {
						if id != 0 && chunk[i].BIN != "" {
							culprit = chunk[i]
							break
						}
					}
				}
			}
			return db.patronWriteError(ctx, culprit, err)
		},
	}
}

func patronRefs(p *parasat.Patron) personRefs {
	return personRefs{region: p.Region, orgField: "supported_organisations", organisations: p.SupportedOrganisations,
		userID: p.UserID}
}
