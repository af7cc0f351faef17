package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/parasat-kz/parasat"
)

// idempotent runs write, in the transaction tx, once per idempotency key
// (when ctx carries one): the key is claimed by the transaction's first
// statement, and the result (out, after write) is stored with it. A later
// request with the same key and request finds the key taken and gets the
// stored result in out instead, with nothing recorded; with another request
// it is a conflict. Two requests with one key at the same moment are
// serialised by the key's primary key: PostgreSQL makes the second insert
// wait for the first transaction. SQLite has a single writer (immediate
// transactions, across processes too): there the key is looked up first
// and stored with the result at the end.
func (db *DB) idempotent(ctx context.Context, tx *sql.Tx, out any, write func() error) error {
	k := parasat.IdempotencyFrom(ctx)
	if k == nil || k.Key == "" {
		return write()
	}
	if db.engine == SQLite {
		return db.idempotentOnOneWriter(ctx, tx, k, out, write)
	}
	res, err := db.exec(ctx, tx, qIdemClaim, k.UserID, k.Key, k.Hash, db.now())
	if err != nil {
		return fmt.Errorf("claim idempotency key: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return replay(ctx, tx, k, out)
	}
	if err := write(); err != nil {
		return err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = db.exec(ctx, tx, qIdemAnswer, string(b), k.UserID, k.Key)
	return err
}

// idempotentOnOneWriter is idempotent on SQLite, whose one writer runs
// one transaction at a time (a group transaction runs its gifts one after
// another): nothing can take the key between looking it up and storing it
// with the answer, so a new key costs a look and an insert instead of an
// insert and an update.
func (db *DB) idempotentOnOneWriter(ctx context.Context, tx *sql.Tx, k *parasat.IdempotencyKey, out any, write func() error) error {
	var (
		hash     string
		response sql.NullString
	)
	err := db.queryRow(ctx, tx, qIdemLook, k.UserID, k.Key).Scan(&hash, &response)
	if err == nil {
		return replayed(k, hash, response, out)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = db.exec(ctx, tx, qIdemStore, k.UserID, k.Key, k.Hash, string(b), db.now())
	return err
}

const (
	qIdemClaim = `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, idem_key) DO NOTHING`
	qIdemAnswer = "UPDATE idempotency_keys SET response = $1 WHERE user_id = $2 AND idem_key = $3"
	qIdemLook   = "SELECT request_hash, response FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2"
	qIdemStore  = `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, response, created_at)
		VALUES ($1, $2, $3, $4, $5)`
)

// replay answers a request whose key was used before.
func replay(ctx context.Context, tx *sql.Tx, k *parasat.IdempotencyKey, out any) error {
	var (
		hash     string
		response sql.NullString
	)
	err := tx.QueryRowContext(ctx, qIdemLook, k.UserID, k.Key).Scan(&hash, &response)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("idempotency key %q has no stored answer", k.Key)
	}
	if err != nil {
		return err
	}
	return replayed(k, hash, response, out)
}

// replayed gives out the stored answer of a key, when the request is the
// one it was used for.
func replayed(k *parasat.IdempotencyKey, hash string, response sql.NullString, out any) error {
	if !response.Valid {
		return fmt.Errorf("idempotency key %q has no stored answer", k.Key)
	}
	if hash != k.Hash {
		return &parasat.Error{Code: parasat.EConflict, Message: "the Idempotency-Key was used for another request",
			Fields: []parasat.FieldError{{Field: "Idempotency-Key", Code: "idempotency.reused",
				Message: "this key was already used with a different request; use a new key for a new request"}}}
	}
	k.Replayed = true
	return json.Unmarshal([]byte(response.String), out)
}

// encodedAnswer is the answer of a write that encodes it as JSON itself —
// for its audit row, in the same transaction — so that the answer stored
// with its Idempotency-Key is not encoded a second time. A replay decodes
// into v.
type encodedAnswer struct {
	v    any
	json []byte
}

func (a *encodedAnswer) MarshalJSON() ([]byte, error) {
	if a.json != nil {
		return a.json, nil
	}
	return json.Marshal(a.v)
}

func (a *encodedAnswer) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, a.v) }
