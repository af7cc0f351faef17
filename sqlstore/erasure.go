package sqlstore

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// The audit log keeps every change forever, but a person may ask to be
// erased. Personal values in the audit rows of people are therefore stored
// encrypted with a key of that person; erasing the person deletes the key.

// personalFields lists, per entity, the fields whose audit values identify
// the person.
var personalFields = map[string]map[string]bool{
	"beneficiary": {"full_name": true, "latin_name": true, "iin": true, "birth_date": true, "address": true,
		"phone": true, "notes": true, "relation": true, "consent.scope": true,
		"document.filename": true, "document.note": true, "document.sha256": true},
}

const sealedPrefix = "sealed:v1:"

// ErasedValue stands in the audit log for a personal value whose key is gone.
const ErasedValue = "(erased)"

// sealPersonal encrypts the personal values of changed fields in place.
func sealPersonal(ctx context.Context, tx *sql.Tx, entity, entityID string, fields ...map[string]any) error {
	if !hasPersonal(entity, fields...) {
		return nil
	}
	key, err := personKey(ctx, tx, entity, entityID)
	if err != nil {
		return err
	}
	gcm, err := newGCM(key)
	if err != nil {
		return err
	}
	return sealFields(gcm, entity, entityID, fields...)
}

// hasPersonal reports whether any of the fields holds a personal value of entity.
func hasPersonal(entity string, fields ...map[string]any) bool {
	personal := personalFields[entity]
	for _, m := range fields {
		for k, v := range m {
			if personal[k] && v != nil && v != "" {
				return true
			}
		}
	}
	return false
}

// sealFields encrypts the personal values of the fields in place with gcm.
func sealFields(gcm cipher.AEAD, entity, entityID string, fields ...map[string]any) error {
	personal := personalFields[entity]
	for _, m := range fields {
		for k, v := range m {
			if !personal[k] || v == nil || v == "" {
				continue
			}
			plain, _ := json.Marshal(v)
			nonce := make([]byte, gcm.NonceSize())
			if _, err := rand.Read(nonce); err != nil {
				return err
			}
			m[k] = sealedPrefix + base64.RawStdEncoding.EncodeToString(gcm.Seal(nonce, nonce, plain, []byte(entity+":"+entityID)))
		}
	}
	return nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// personKey returns the person's key, making one the first time.
func personKey(ctx context.Context, tx *sql.Tx, entity, entityID string) ([]byte, error) {
	var key []byte
	err := tx.QueryRowContext(ctx, "SELECT key FROM erasable_keys WHERE entity = $1 AND entity_id = $2", entity, entityID).Scan(&key)
	if err == nil {
		return key, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO erasable_keys (entity, entity_id, key) VALUES ($1, $2, $3)", entity, entityID, key)
	return key, err
}

// eraseKey makes the personal audit values of a person unreadable for ever.
func eraseKey(ctx context.Context, tx *sql.Tx, entity, entityID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM erasable_keys WHERE entity = $1 AND entity_id = $2", entity, entityID)
	return err
}

// openPersonal decrypts the sealed values of an audit row's JSON, or puts
// ErasedValue where the key is gone.
func (db *DB) openPersonal(ctx context.Context, entity, entityID string, raw []byte) []byte {
	if personalFields[entity] == nil || !strings.Contains(string(raw), sealedPrefix) {
		return raw
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return raw
	}
	var gcm cipher.AEAD
	var key []byte
	if err := db.read.QueryRowContext(ctx, "SELECT key FROM erasable_keys WHERE entity = $1 AND entity_id = $2",
		entity, entityID).Scan(&key); err == nil {
		gcm, _ = newGCM(key)
	}
	for k, v := range m {
		s, ok := v.(string)
		if !ok || !strings.HasPrefix(s, sealedPrefix) {
			continue
		}
		m[k] = ErasedValue
		if gcm == nil {
			continue
		}
		sealed, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(s, sealedPrefix))
		if err != nil || len(sealed) < gcm.NonceSize() {
			continue
		}
		plain, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], []byte(entity+":"+entityID))
		if err != nil {
			continue
		}
		var value any
		if json.Unmarshal(plain, &value) == nil {
			m[k] = value
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return out
}
