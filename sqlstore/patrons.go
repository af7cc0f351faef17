package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.PatronService = (*DB)(nil)

const patronColumns = `id, kind, name, bin, phone, email, website, address, region_code, public_consent, user_id, notes,
	created_at, updated_at`

func scanPatron(row interface{ Scan(...any) error }) (parasat.Patron, error) {
	var (
		p      parasat.Patron
		bin    sql.NullString
		userID sql.NullInt64
	)
	err := row.Scan(&p.ID, &p.Kind, &p.Name, &bin, &p.Contacts.Phone, &p.Contacts.Email, &p.Contacts.Website,
		&p.Contacts.Address, &p.Region, &p.PublicConsent, &userID, &p.Notes, &p.Created, &p.Updated)
	p.BIN, p.UserID = bin.String, int64Ptr(userID)
	p.Created, p.Updated = p.Created.UTC(), p.Updated.UTC()
	p.SupportedOrganisations = []int64{}
	return p, err
}

// patronValues are the stored columns, in the order of the INSERT and UPDATE below.
func patronValues(p *parasat.Patron) []any {
	return []any{p.Kind, p.Name, p.SortKey(), searchText(p.Name, p.BIN), nullString(p.BIN), p.Contacts.Phone,
		p.Contacts.Email, p.Contacts.Website, p.Contacts.Address, p.Region, p.PublicConsent, nullInt(p.UserID), p.Notes}
}

// Patron returns one patron with the organisations they support.
func (db *DB) Patron(ctx context.Context, id int64) (*parasat.Patron, error) {
	return getPatron(ctx, db.read, id)
}

func getPatron(ctx context.Context, q queryer, id int64) (*parasat.Patron, error) {
	p, err := scanPatron(q.QueryRowContext(ctx, "SELECT "+patronColumns+" FROM patrons WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "patron %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	list := []parasat.Patron{p}
	if err := loadPatronLinks(ctx, q, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

func loadPatronLinks(ctx context.Context, q queryer, list []parasat.Patron) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	orgs, err := loadLinks[int64](ctx, q, "patron_organisations", "patron_id", "organisation_id", ids)
	if err != nil {
		return err
	}
	for i := range list {
		if o := orgs[list[i].ID]; o != nil {
			list[i].SupportedOrganisations = o
		}
	}
	return nil
}

// ListPatrons returns one page of the patrons the filter selects and the
// caller may read, ordered by folded name.
func (db *DB) ListPatrons(ctx context.Context, f parasat.PatronFilter) ([]parasat.Patron, error) {
	var q listQuery
	q.visible(f.Visibility, "patrons", "patron_organisations", "patron_id")
	if f.Region != "" {
		q.and("region_code = " + q.arg(f.Region))
	}
	if f.Organisation != 0 {
		q.and("EXISTS (SELECT 1 FROM patron_organisations o WHERE o.patron_id = patrons.id AND o.organisation_id = " +
			q.arg(f.Organisation) + ")")
	}
	if f.Kind != "" {
		q.and("kind = " + q.arg(string(f.Kind)))
	}
	q.wordPrefix("patrons", f.Query)
	q.keyset("patrons", f.After, f.AfterName)
	rows, err := db.read.QueryContext(ctx, "SELECT "+patronColumns+" FROM patrons WHERE "+q.clause()+
		" ORDER BY name_key, id LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Patron{}
	for rows.Next() {
		p, err := scanPatron(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadPatronLinks(ctx, db.read, out)
}

func preparePatron(p *parasat.Patron) error {
	p.Normalize()
	return p.Validate()
}

// UpdatePatron replaces every editable field of a patron.
func (db *DB) UpdatePatron(ctx context.Context, p *parasat.Patron) error {
	if err := preparePatron(p); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getPatron(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := patronRefs(p).check(ctx, tx); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE patrons SET kind = $1, name = $2, name_key = $3, search_text = $4, bin = $5,
			phone = $6, email = $7, website = $8, address = $9, region_code = $10, public_consent = $11, user_id = $12,
			notes = $13, updated_at = $14 WHERE id = $15`, append(patronValues(p), now, p.ID)...)
		if err != nil {
			return db.patronWriteError(ctx, p, err)
		}
		p.Created, p.Updated = before.Created, now
		if err := replaceLinks(ctx, tx, "patron_organisations", "patron_id", "organisation_id", p.ID, p.SupportedOrganisations); err != nil {
			return fmt.Errorf("write the patron's organisations: %w", err)
		}
		return db.audit(ctx, tx, "update", "patron", strconv.FormatInt(p.ID, 10), p.Region, before, p)
	})
}

// patronWriteError explains a failed write: a BIN or an account that
// another patron already has.
func (db *DB) patronWriteError(ctx context.Context, p *parasat.Patron, err error) error {
	switch {
	case violates(err, uniqueViolation, "bin"):
		var other int64
		_ = db.read.QueryRowContext(ctx, "SELECT id FROM patrons WHERE bin = $1", p.BIN).Scan(&other)
		e := &parasat.Error{Code: parasat.EConflict, Message: "BIN already registered",
			Fields: []parasat.FieldError{{Field: "bin", Code: "bin.taken",
				Message: fmt.Sprintf("patron %d already has this BIN", other)}}}
		if existing, err := db.Patron(ctx, other); err == nil {
			e.Existing = &parasat.RecordRef{Entity: "patron", ID: other, Resource: existing.Resource()}
		}
		return e
	case violates(err, uniqueViolation, "user_id"):
		return accountLinked("patron")
	}
	return fmt.Errorf("write patron: %w", err)
}
