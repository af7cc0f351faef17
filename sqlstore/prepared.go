package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements for the hot paths on SQLite. modernc.org/sqlite
// parses every statement it is given, which costs more than running the
// small statements of a gift; a statement prepared once is parsed once.
// (pgx caches prepared statements by itself, so PostgreSQL needs none of
// this.) The write pool has one connection, held by the transaction while
// it runs, so the statements a transaction uses are prepared up front, when
// the database is migrated; reads prepare on the pool at first use.

// hotWrites are the statements of recording a gift, prepared on the writer.
var hotWrites = []string{qIdemLook, qIdemStore, qFindFundTx, qPatronDonor, qFundAccounts, balanceStatements(2).read,
	balanceStatements(2).post, balanceStatements(4).read, balanceStatements(4).post, qInsertEntry, postingsInsert(2), postingsInsert(4),
	qInsertDonation, qReceiptCounter, qReceiptNumber, qInsertReceipt, qPublicDonors, qMoneyDaily, qAuditInsert, qSavepoint,
	qRollbackTo, qRelease}

type statements struct {
	mu     sync.Mutex
	writes map[string]*sql.Stmt
	reads  map[string]*sql.Stmt
	// tx is the write transaction open on the writer (there is one writer
	// connection, so one at a time), and bound the hot statements bound to
	// it so far: a group transaction runs each many times.
	tx    *sql.Tx
	bound map[string]*sql.Stmt
}

// prepareHot prepares the hot statements on the SQLite writer, once the
// schema exists; statements that fail to prepare are left to run unprepared.
func (db *DB) prepareHot(ctx context.Context) {
	if db.engine != SQLite {
		return
	}
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if db.stmts.writes == nil {
		db.stmts.writes = map[string]*sql.Stmt{}
	}
	for _, q := range hotWrites {
		if _, ok := db.stmts.writes[q]; ok {
			continue
		}
		if s, err := db.write.PrepareContext(ctx, q); err == nil {
			db.stmts.writes[q] = s
		}
	}
}

func (db *DB) writeStmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	s := db.stmts.writes[query]
	if s == nil {
		return nil
	}
	if db.stmts.tx != tx {
		db.stmts.tx, db.stmts.bound = tx, map[string]*sql.Stmt{}
	}
	b := db.stmts.bound[query]
	if b == nil {
		// Closed by database/sql when the transaction ends.
		b = tx.StmtContext(ctx, s)
		db.stmts.bound[query] = b
	}
	return b
}

// exec runs a statement in tx, prepared when it is a hot one.
func (db *DB) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if s := db.writeStmt(ctx, tx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// queryRow runs a query of one row in tx, prepared when it is a hot one.
func (db *DB) queryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if s := db.writeStmt(ctx, tx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// query runs a query in tx, prepared when it is a hot one.
func (db *DB) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if s := db.writeStmt(ctx, tx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, query, args...)
}

// readStmt is a statement prepared on the read pool (SQLite), or nil.
func (db *DB) readStmt(ctx context.Context, query string) *sql.Stmt {
	if db.engine != SQLite {
		return nil
	}
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	s := db.stmts.reads[query]
	if s == nil {
		var err error
		if s, err = db.read.PrepareContext(ctx, query); err != nil {
			return nil
		}
		if db.stmts.reads == nil {
			db.stmts.reads = map[string]*sql.Stmt{}
		}
		db.stmts.reads[query] = s
	}
	return s
}

// readRow runs a query of one row on the read pool, prepared on SQLite.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s := db.readStmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return db.read.QueryRowContext(ctx, query, args...)
}

// readQuery runs a query on the read pool, prepared on SQLite.
func (db *DB) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := db.readStmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return db.read.QueryContext(ctx, query, args...)
}
