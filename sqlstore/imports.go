package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.ImportService = (*DB)(nil)

// UploadLifetime is how long an upload is kept when nobody imports it.
const UploadLifetime = 24 * time.Hour

// SaveUpload stores a file and deletes the uploads older than a day.
func (db *DB) SaveUpload(ctx context.Context, u *parasat.Upload) error {
	now := db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM imports WHERE created_at < $1", now.Add(-UploadLifetime)); err != nil {
			return fmt.Errorf("delete old uploads: %w", err)
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO imports (user_id, kind, filename, organisation_id, data, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			u.UserID, u.Kind, truncate(u.Filename, 255), nullInt(u.OrganisationID), u.Data, now).Scan(&u.ID)
		if err != nil {
			return fmt.Errorf("insert upload: %w", err)
		}
		u.Created, u.Imported = now, nil
		return nil
	})
}

// Upload returns an upload to the account that made it or to an admin.
func (db *DB) Upload(ctx context.Context, id int64, by *parasat.User) (*parasat.Upload, error) {
	var (
		u        parasat.Upload
		org      sql.NullInt64
		imported sql.NullTime
	)
	err := db.read.QueryRowContext(ctx, `SELECT id, user_id, kind, filename, organisation_id, data, created_at, imported_at
		FROM imports WHERE id = $1`, id).
		Scan(&u.ID, &u.UserID, &u.Kind, &u.Filename, &org, &u.Data, &u.Created, &imported)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (by == nil || u.UserID != by.ID && !by.IsAdmin()) {
		return nil, parasat.Errorf(parasat.ENotFound, "no such upload")
	}
	if err != nil {
		return nil, err
	}
	if org.Valid {
		u.OrganisationID = &org.Int64
	}
	u.Created = u.Created.UTC()
	if imported.Valid {
		t := imported.Time.UTC()
		u.Imported = &t
	}
	return &u, nil
}

// MarkImported records that the rows of an upload were imported.
func (db *DB) MarkImported(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, "UPDATE imports SET imported_at = $2 WHERE id = $1", id, db.now())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return parasat.Errorf(parasat.ENotFound, "no such upload")
	}
	return nil
}

// RememberMapping keeps the mapping chosen for files with this header.
func (db *DB) RememberMapping(ctx context.Context, kind, signature string, mapping map[int]string) error {
	b, err := json.Marshal(mapping)
	if err != nil {
		return err
	}
	_, err = db.write.ExecContext(ctx, `INSERT INTO import_mappings (kind, header_signature, mapping, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (kind, header_signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
		kind, signature, string(b), db.now())
	return err
}

// Mapping returns the mapping remembered for files with this header, or nil.
func (db *DB) Mapping(ctx context.Context, kind, signature string) (map[int]string, error) {
	var s string
	err := db.read.QueryRowContext(ctx, "SELECT mapping FROM import_mappings WHERE kind = $1 AND header_signature = $2",
		kind, signature).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[int]string{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("import mapping %s/%s: %w", kind, signature, err)
	}
	return m, nil
}
