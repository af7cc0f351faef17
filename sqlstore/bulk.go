package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/parasat-kz/parasat"
)

// Writing many rows at once, for imports: multi-row INSERTs of up to
// bulkRows rows (or as many as keep the parameters under both engines'
// limits), and reference checks of a whole batch. The audit rows of the
// records created are written the same way (auditCreates, audit_batch.go).

const (
	bulkRows   = 500
	bulkParams = 30000 // SQLite allows 32766 parameters, PostgreSQL 65535
)

// rowsPerInsert is how many rows of cols values one INSERT takes.
func rowsPerInsert(cols int) int { return min(bulkRows, bulkParams/cols) }

// insertMany inserts rows (each of the same number of values) into table's
// columns, in as few statements as the parameter limits allow.
func (db *DB) insertMany(ctx context.Context, tx *sql.Tx, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	per := rowsPerInsert(cols)
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*cols)
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + columns + ") VALUES " + db.valueRows(len(chunk), cols)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// bulkInsert writes records of one table with multi-row INSERTs and gives
// each its id. The order of the rows RETURNING gives is not promised, so a
// returned row is matched to its record by the first identity key, which
// the caller keeps unique in the list.
type bulkInsert[T keyed] struct {
	table     string
	columns   []string
	values    func(T) []any
	returning string
	// scan reads a returned row: the id, and enough of the row for its keys.
	scan  func(*sql.Rows) (int64, keyed, error)
	setID func(T, int64)
	// failed explains a failed INSERT of the records of chunk.
	failed func(ctx context.Context, chunk []T, err error) error
}

func (bi bulkInsert[T]) run(ctx context.Context, db *DB, tx *sql.Tx, list []T) error {
	cols := len(bi.columns)
	per := rowsPerInsert(cols)
	for start := 0; start < len(list); start += per {
		chunk := list[start:min(start+per, len(list))]
		byKey := make(map[string]T, len(chunk))
		args := make([]any, 0, len(chunk)*cols)
		for _, r := range chunk {
			args = append(args, bi.values(r)...)
			byKey[r.IdentityKeys()[0]] = r
		}
		rows, err := tx.QueryContext(ctx, "INSERT INTO "+bi.table+" ("+strings.Join(bi.columns, ", ")+") VALUES "+
			db.valueRows(len(chunk), cols)+" RETURNING "+bi.returning, args...)
		if err == nil {
			err = bi.assign(rows, byKey)
		}
		if err != nil {
			return bi.failed(ctx, chunk, err)
		}
	}
	return nil
}

func (bi bulkInsert[T]) assign(rows *sql.Rows, byKey map[string]T) error {
	defer rows.Close()
	for rows.Next() {
		id, row, err := bi.scan(rows)
		if err != nil {
			return err
		}
		rec, ok := byKey[row.IdentityKeys()[0]]
		if !ok {
			return fmt.Errorf("insert into %s: row %d matches no record", bi.table, id)
		}
		bi.setID(rec, id)
	}
	return rows.Err()
}

// refCheck is a reference of many records to one table: every value must
// be there, or problem is reported.
type refCheck struct {
	table, column string
	values        map[any]bool
	problem       parasat.FieldError
}

// checkRefs checks references with one query per table, and reports each
// reference to a missing record as a field error, rather than waiting for a
// foreign key to fail without saying which field.
func checkRefs(ctx context.Context, q queryer, checks ...refCheck) error {
	var p parasat.Problems
	for _, c := range checks {
		values := make([]any, 0, len(c.values))
		for v := range c.values {
			values = append(values, v)
		}
		if n, err := countWhere(ctx, q, c.table, c.column, values); err != nil {
			return err
		} else if n != len(values) {
			p.Add(c.problem.Field, c.problem.Code, c.problem.Message)
		}
	}
	return p.Err()
}
