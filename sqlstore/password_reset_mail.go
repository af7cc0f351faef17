package sqlstore

import (
	"context"
	"database/sql"
	"maps"
	"time"

	"github.com/parasat-kz/parasat"
)

// MailPasswordReset stores a one-time link and queues the mail that carries
// it, in one transaction: there is never a mailed link that does not work,
// nor a link whose mail is lost. The secret travels in the job's payload,
// which is cleared once the mail is sent.
func (db *DB) MailPasswordReset(ctx context.Context, userID int64, expires time.Time, m parasat.Mail, key string) (string, error) {
	var secret string
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		secret, err = db.mailPasswordReset(ctx, tx, userID, expires, m, key)
		return err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// mailPasswordReset is MailPasswordReset in the caller's transaction.
func (db *DB) mailPasswordReset(ctx context.Context, tx *sql.Tx, userID int64, expires time.Time, m parasat.Mail, key string) (string, error) {
	secret, hash, err := newSecret(resetPrefix)
	if err != nil {
		return "", err
	}
	m.Data = maps.Clone(m.Data)
	if m.Data == nil {
		m.Data = map[string]any{}
	}
	m.Data["token"] = secret
	added, err := db.enqueueMailAt(ctx, tx, m, time.Time{}, key)
	if err != nil || !added {
		return "", err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
		hash, userID, db.now(), expires.UTC())
	if violates(err, foreignKeyViolation, "") {
		return "", parasat.Errorf(parasat.ENotFound, "account not found")
	}
	if err != nil {
		return "", err
	}
	return secret, nil
}
