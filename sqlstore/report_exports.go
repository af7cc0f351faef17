package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.ReportExportService = (*DB)(nil)

// Report files are kept in the database, like documents, so that whichever
// server process made a file, any other serves it, and a backup needs
// nothing beside the database. They expire after parasat.ReportExportKeep;
// an expired file is never served and is deleted when the next file is
// asked for or by PurgeReportExports.

const reportExportColumns = `id, user_id, job_id, format, filter, lang, exact, subject, size, data IS NOT NULL, created_at, expires_at`

func scanReportExport(row interface{ Scan(...any) error }) (parasat.ReportExport, error) {
	var (
		e               parasat.ReportExport
		filter, subject string
	)
	err := row.Scan(&e.ID, &e.UserID, &e.JobID, &e.Format, &filter, &e.Lang, &e.Exact, &subject, &e.Size, &e.Made,
		&e.Created, &e.Expires)
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(filter), &e.Filter); err != nil {
		return e, fmt.Errorf("report export %d: filter: %w", e.ID, err)
	}
	if err := json.Unmarshal([]byte(subject), &e.Subject); err != nil {
		return e, fmt.Errorf("report export %d: subject: %w", e.ID, err)
	}
	e.Created, e.Expires = e.Created.UTC(), e.Expires.UTC()
	return e, nil
}

// CreateReportExport records the export and queues the job that makes it.
func (db *DB) CreateReportExport(ctx context.Context, e *parasat.ReportExport) error {
	if err := e.Validate(); err != nil {
		return err
	}
	filter, err := json.Marshal(e.Filter)
	if err != nil {
		return err
	}
	subject, err := json.Marshal(e.Subject)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if _, err := tx.ExecContext(ctx, "DELETE FROM report_exports WHERE expires_at <= $1", now); err != nil {
			return fmt.Errorf("delete expired report files: %w", err)
		}
		e.Created, e.Expires, e.Size, e.Made = now, now.Add(parasat.ReportExportKeep), 0, false
		err := tx.QueryRowContext(ctx, `INSERT INTO report_exports (user_id, job_id, format, filter, lang, exact, subject, created_at, expires_at)
			VALUES ($1, 0, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			e.UserID, e.Format, string(filter), e.Lang, e.Exact, string(subject), e.Created, e.Expires).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("insert report export: %w", err)
		}
		if e.JobID, _, err = db.enqueue(ctx, tx, parasat.JobSpec{Kind: parasat.ReportExportJobKind,
			Payload: parasat.ReportExportJob{Export: e.ID}, MaxAttempts: parasat.ReportExportAttempts}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE report_exports SET job_id = $1 WHERE id = $2", e.JobID, e.ID)
		return err
	})
}

// ReportExport returns an unexpired export without its bytes.
func (db *DB) ReportExport(ctx context.Context, id int64) (*parasat.ReportExport, error) {
	e, err := scanReportExport(db.read.QueryRowContext(ctx, "SELECT "+reportExportColumns+
		" FROM report_exports WHERE id = $1 AND expires_at > $2", id, db.now()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "report file %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// ReportExportFile returns the bytes of a made, unexpired file.
func (db *DB) ReportExportFile(ctx context.Context, id int64) ([]byte, error) {
	var data []byte
	err := db.read.QueryRowContext(ctx, "SELECT data FROM report_exports WHERE id = $1 AND expires_at > $2 AND data IS NOT NULL",
		id, db.now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "report file %d not found or not made yet", id)
	}
	return data, err
}

// StoreReportExportFile keeps the made file of an export; storing it again
// (a job run twice after a lost lease) replaces it.
func (db *DB) StoreReportExportFile(ctx context.Context, id int64, content []byte) error {
	if content == nil {
		content = []byte{}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE report_exports SET data = $1, size = $2 WHERE id = $3",
			content, int64(len(content)), id)
		if err != nil {
			return fmt.Errorf("store report file %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return parasat.Errorf(parasat.ENotFound, "report file %d not found", id)
		}
		return nil
	})
}

// ListReportExports returns an account's unexpired exports, newest first.
func (db *DB) ListReportExports(ctx context.Context, userID int64, limit int) ([]parasat.ReportExport, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+reportExportColumns+
		" FROM report_exports WHERE user_id = $1 AND expires_at > $2 ORDER BY id DESC LIMIT "+strconv.Itoa(pageSize(limit)),
		userID, db.now())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.ReportExport{}
	for rows.Next() {
		e, err := scanReportExport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PurgeReportExports deletes the expired files.
func (db *DB) PurgeReportExports(ctx context.Context) (int, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM report_exports WHERE expires_at <= $1", db.now())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
