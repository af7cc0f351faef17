package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parasat-kz/parasat"
)

// Helpers shared by the registers of volunteers and patrons: link tables to
// organisations and skills, reference checks that answer with field errors,
// and the WHERE clauses of scoped, keyset-paginated lists.

// listQuery builds a WHERE clause with numbered parameters.
type listQuery struct {
	where []string
	args  []any
}

func (q *listQuery) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *listQuery) and(cond string) { q.where = append(q.where, cond) }

// placeholders returns "$n, $m, …" for the values, added as arguments.
func placeholders[T any](q *listQuery, values []T) string {
	marks := make([]string, len(values))
	for i, v := range values {
		marks[i] = q.arg(v)
	}
	return strings.Join(marks, ", ")
}

func (q *listQuery) clause() string {
	if len(q.where) == 0 {
		return "1 = 1"
	}
	return strings.Join(q.where, " AND ")
}

// visible adds the caller's visibility: records in their regions, linked
// (through linkTable's ownerCol) to their organisations, or their own.
func (q *listQuery) visible(v parasat.Visibility, table, linkTable, ownerCol string) {
	if v.All {
		return
	}
	var ors []string
	if len(v.RegionIn) > 0 {
		ors = append(ors, table+".region_code IN ("+placeholders(q, v.RegionIn)+")")
	}
	if len(v.OrganisationIn) > 0 {
		ors = append(ors, "EXISTS (SELECT 1 FROM "+linkTable+" l WHERE l."+ownerCol+" = "+table+".id AND l.organisation_id IN ("+
			placeholders(q, v.OrganisationIn)+"))")
	}
	if v.OwnerUserID != 0 {
		ors = append(ors, table+".user_id = "+q.arg(v.OwnerUserID))
	}
	if len(ors) == 0 {
		q.and("1 = 0") // may read nothing
		return
	}
	q.and("(" + strings.Join(ors, " OR ") + ")")
}

// keyset continues a list ordered by (name_key, id) after the given row.
func (q *listQuery) keyset(table string, afterID int64, afterName string) {
	if afterID <= 0 {
		return
	}
	n, id := q.arg(afterName), q.arg(afterID)
	q.and("(" + table + ".name_key > " + n + " OR (" + table + ".name_key = " + n + " AND " + table + ".id > " + id + "))")
}

// wordPrefix matches search text (" word word …") having a word that
// starts with the folded query.
func (q *listQuery) wordPrefix(table, text string) {
	if text = strings.TrimSpace(text); text != "" {
		q.and(table + ".search_text LIKE " + q.arg("% "+escapeLike(parasat.FoldForSearch(text))+"%") + " ESCAPE '\\'")
	}
}

// searchText is what word-prefix search looks in: the folded words, each
// after a space, and again without the quotes or brackets around them, so
// that "берек" finds «Береке».
func searchText(parts ...string) string {
	var words []string
	for _, w := range strings.Fields(parasat.FoldForSearch(strings.Join(parts, " "))) {
		words = append(words, w)
		bare := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if bare != w && bare != "" {
			words = append(words, bare)
		}
	}
	return " " + strings.Join(words, " ")
}

// replaceLinks makes a link table hold exactly the given values for owner.
func replaceLinks[T any](ctx context.Context, tx *sql.Tx, table, ownerCol, valueCol string, owner int64, values []T) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+ownerCol+" = $1", owner); err != nil {
		return err
	}
	for _, v := range values {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" ("+ownerCol+", "+valueCol+") VALUES ($1, $2)", owner, v); err != nil {
			return err
		}
	}
	return nil
}

// loadLinks reads a link table for several owners at once: owner → values
// in the table's order.
func loadLinks[T any](ctx context.Context, q queryer, table, ownerCol, valueCol string, owners []int64) (map[int64][]T, error) {
	out := make(map[int64][]T, len(owners))
	if len(owners) == 0 {
		return out, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, "SELECT "+ownerCol+", "+valueCol+" FROM "+table+" WHERE "+ownerCol+" IN ("+
		placeholders(&b, owners)+") ORDER BY "+ownerCol+", "+valueCol, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			owner int64
			v     T
		)
		if err := rows.Scan(&owner, &v); err != nil {
			return nil, err
		}
		out[owner] = append(out[owner], v)
	}
	return out, rows.Err()
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// personRefs are the records a volunteer or patron points to.
type personRefs struct {
	region        string
	orgField      string // "organisations" or "supported_organisations"
	organisations []int64
	skills        []string
	userID        *int64
}

// check reports each reference to a missing record as a field error, rather
// than waiting for a foreign key to fail without saying which field.
func (r personRefs) check(ctx context.Context, q queryer) error {
	var p parasat.Problems
	if n, err := countWhere(ctx, q, "regions", "code", []string{r.region}); err != nil {
		return err
	} else if n == 0 {
		p.Add("region", "region.unknown", "no region has this code")
	}
	if n, err := countWhere(ctx, q, "organisations", "id", r.organisations); err != nil {
		return err
	} else if n != len(r.organisations) {
		p.Add(r.orgField, "organisation.unknown", "no organisation has this id")
	}
	if n, err := countWhere(ctx, q, "skills", "code", r.skills); err != nil {
		return err
	} else if n != len(r.skills) {
		p.Add("skills", "skill.unknown", "is not in the list of skills")
	}
	if r.userID != nil {
		if n, err := countWhere(ctx, q, "users", "id", []int64{*r.userID}); err != nil {
			return err
		} else if n == 0 {
			p.Add("user_id", "person.account_unknown", "no account has this id")
		}
	}
	return p.Err()
}

// countWhere counts the rows whose column is one of the (distinct) values.
func countWhere[T any](ctx context.Context, q queryer, table, column string, values []T) (int, error) {
	if len(values) == 0 {
		return 0, nil
	}
	var b listQuery
	var n int
	err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+column+" IN ("+placeholders(&b, values)+")", b.args...).Scan(&n)
	return n, err
}

// accountLinked is the conflict of linking an account that already has a
// volunteer's or patron's record.
func accountLinked(what string) error {
	return &parasat.Error{Code: parasat.EConflict, Message: "the account already has a " + what + "'s record",
		Fields: []parasat.FieldError{{Field: "user_id", Code: "person.account_linked",
			Message: "this account is already linked to another " + what}}}
}

func nullDate(d *parasat.Date) any {
	if d == nil || d.IsZero() {
		return nil
	}
	return d.Time
}

// dateOf reads a DATE column, which the drivers return as a time at midnight.
func dateOf(t sql.NullTime) *parasat.Date {
	if !t.Valid {
		return nil
	}
	y, m, d := t.Time.Date()
	return &parasat.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// idOrNull stores 0 (nobody, or the system) as NULL in a column that
// references users.
func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
