package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The few places where SQLite and PostgreSQL differ. Everything else is
// portable SQL with $1-style parameters, which both drivers accept.

func (db *DB) tableExists(ctx context.Context, name string) (bool, error) {
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
	if db.engine == Postgres {
		q = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	}
	var n int
	err := db.read.QueryRowContext(ctx, q, name).Scan(&n)
	return n > 0, err
}

// RETURNING: PostgreSQL answers a change with the values it asks for in
// the same statement. SQLite runs RETURNING through a temporary table,
// which on the hot path of a gift cost three to four times the change
// itself; there the change is run alone and the value read after it (the
// balances of a ledger entry before it, see postBalances), in the same
// transaction on the one writer connection. The statements are written
// without RETURNING, so both forms can be prepared.

// insertID runs an INSERT of one row and returns its id.
func (db *DB) insertID(ctx context.Context, tx *sql.Tx, insert string, args ...any) (int64, error) {
	var id int64
	if db.engine == Postgres {
		err := tx.QueryRowContext(ctx, insert+" RETURNING id", args...).Scan(&id)
		return id, err
	}
	res, err := db.exec(ctx, tx, insert, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// changeReturning runs change (an UPDATE or an upsert of one row) and reads
// into dest the columns returning names, which read selects by readArgs on
// SQLite.
func (db *DB) changeReturning(ctx context.Context, tx *sql.Tx, change, returning, read string, args, readArgs []any, dest ...any) error {
	if db.engine == Postgres {
		return tx.QueryRowContext(ctx, change+" RETURNING "+returning, args...).Scan(dest...)
	}
	res, err := db.exec(ctx, tx, change, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return sql.ErrNoRows
	}
	return db.queryRow(ctx, tx, read, readArgs...).Scan(dest...)
}

// idList is the SQL of a subquery giving the ids it selects as one text,
// separated by commas (NULL when none): group_concat on SQLite, string_agg
// on PostgreSQL. parseIDList reads it back, in order.
func idList(e Engine, column, fromWhere string) string {
	if e == Postgres {
		return "(SELECT string_agg(" + column + "::text, ',') " + fromWhere + ")"
	}
	return "(SELECT group_concat(" + column + ") " + fromWhere + ")"
}

// parseIDList reads the ids of an idList, sorted.
func parseIDList(s string) ([]int64, error) {
	out := []int64{}
	if s == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("a list of ids: %w", err)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out, nil
}

// constraintViolation tells which kind of constraint an error broke, if any,
// and the constraint's (or, on SQLite, the column's) text to match on.
type violation int

const (
	noViolation violation = iota
	uniqueViolation
	foreignKeyViolation
	checkViolation
)

func classify(err error) (violation, string) {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return uniqueViolation, pgErr.ConstraintName
		case "23503":
			return foreignKeyViolation, pgErr.ConstraintName
		case "23514":
			return checkViolation, pgErr.ConstraintName
		}
		return noViolation, ""
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return uniqueViolation, sqErr.Error()
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return foreignKeyViolation, sqErr.Error()
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return checkViolation, sqErr.Error()
		}
	}
	return noViolation, ""
}

// violates reports whether err broke a constraint of kind v whose name (or
// SQLite message) mentions want.
func violates(err error, v violation, want string) bool {
	got, text := classify(err)
	return got == v && strings.Contains(text, want)
}

// valueRows returns the VALUES of a multi-row INSERT, "(…), (…)", for rows
// of cols parameters each: "?" on SQLite, which looks "$n" up by name,
// slowly among thousands, and "$1, $2, …" on PostgreSQL.
func (db *DB) valueRows(rows, cols int) string {
	var b strings.Builder
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := 1; c <= cols; c++ {
			if c > 1 {
				b.WriteString(", ")
			}
			if db.engine == SQLite {
				b.WriteByte('?')
				continue
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(r*cols + c))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// skipLocked ends a SELECT of rows to claim: PostgreSQL skips the rows
// another transaction is claiming; SQLite needs nothing, as its single
// writer (immediate transactions, across processes) claims one at a time.
func (db *DB) skipLocked() string {
	if db.engine == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// forUpdate ends a SELECT of a row the transaction is about to change on
// the strength of what it reads (the places left on a shift): PostgreSQL
// locks the row until the transaction ends, so that transactions reading
// it take turns; SQLite needs nothing, as its single writer runs one write
// transaction at a time.
func (db *DB) forUpdate() string {
	if db.engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// dayNumber is the SQL of the number of days from 1 January 1990 to the
// date in col, the day the index of figures counts in (tally.Day): an
// integer the driver reads faster than a date.
func (db *DB) dayNumber(col string) string {
	if db.engine == Postgres {
		return "(" + col + " - DATE '1990-01-01')"
	}
	return "CAST(julianday(" + col + ") - 2447892.5 AS INTEGER)"
}
