package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.DocumentService = (*DB)(nil)

// Documents of beneficiaries live in the database, beside the record, so a
// backup and a restore keep them consistent with it. Their uploads and
// deletions are changes of the beneficiary's record in the audit log; the
// file's name, note and hash there are sealed with the person's key.

const documentColumns = `id, beneficiary_id, type, note, filename, content_type, size, sha256,
	COALESCE(uploaded_by, 0), created_at`

func scanDocument(row interface{ Scan(...any) error }, extra ...any) (parasat.Document, error) {
	var d parasat.Document
	err := row.Scan(append([]any{&d.ID, &d.BeneficiaryID, &d.Type, &d.Note, &d.Filename, &d.ContentType, &d.Size,
		&d.SHA256, &d.UploadedBy, &d.Created}, extra...)...)
	d.Created = d.Created.UTC()
	return d, err
}

// documentAudit is what the audit log keeps of a document: all but the content.
func documentAudit(d *parasat.Document) map[string]any {
	return map[string]any{"id": d.ID, "type": d.Type, "note": d.Note, "filename": d.Filename,
		"content_type": d.ContentType, "size": d.Size, "sha256": d.SHA256}
}

// AddDocument stores a document of a beneficiary who is not anonymised.
func (db *DB) AddDocument(ctx context.Context, d *parasat.Document) error {
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := db.beneficiaryWhere(ctx, tx, "id = $1", d.BeneficiaryID)
		if err != nil {
			return err
		}
		if b.Anonymised != nil {
			return parasat.Errorf(parasat.EConflict, "the record was anonymised and takes no documents")
		}
		d.UploadedBy, d.Created = parasat.ActorFrom(ctx).UserID, db.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO beneficiary_documents (beneficiary_id, type, note, filename, content_type,
			size, sha256, data, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			d.BeneficiaryID, d.Type, d.Note, d.Filename, d.ContentType, d.Size, d.SHA256, d.Data, nullID(d.UploadedBy),
			d.Created).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("insert document: %w", err)
		}
		return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(b.ID, 10), b.Region,
			map[string]any{"document": nil}, map[string]any{"document": documentAudit(d)})
	})
}

// Documents lists a beneficiary's documents, newest first, without content.
func (db *DB) Documents(ctx context.Context, beneficiaryID int64) ([]parasat.Document, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+documentColumns+
		" FROM beneficiary_documents WHERE beneficiary_id = $1 ORDER BY id DESC", beneficiaryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document returns one document of a beneficiary with its content.
func (db *DB) Document(ctx context.Context, beneficiaryID, id int64) (*parasat.Document, error) {
	return getDocument(ctx, db.read, beneficiaryID, id, true)
}

func getDocument(ctx context.Context, q queryer, beneficiaryID, id int64, content bool) (*parasat.Document, error) {
	cols, extra := documentColumns, []any{}
	var data []byte
	if content {
		cols, extra = cols+", data", []any{&data}
	}
	d, err := scanDocument(q.QueryRowContext(ctx, "SELECT "+cols+
		" FROM beneficiary_documents WHERE beneficiary_id = $1 AND id = $2", beneficiaryID, id), extra...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "document %d of beneficiary %d not found", id, beneficiaryID)
	}
	if err != nil {
		return nil, err
	}
	d.Data = data
	return &d, nil
}

// DeleteDocument deletes one document of a beneficiary.
func (db *DB) DeleteDocument(ctx context.Context, beneficiaryID, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		d, err := getDocument(ctx, tx, beneficiaryID, id, false)
		if err != nil {
			return err
		}
		var region string
		if err := tx.QueryRowContext(ctx, "SELECT region_code FROM beneficiaries WHERE id = $1", beneficiaryID).Scan(&region); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM beneficiary_documents WHERE id = $1", id); err != nil {
			return fmt.Errorf("delete document: %w", err)
		}
		return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(beneficiaryID, 10), region,
			map[string]any{"document": documentAudit(d)}, map[string]any{"document": nil})
	})
}
