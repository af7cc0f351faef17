package sqlstore

import (
	"context"
	"errors"
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
