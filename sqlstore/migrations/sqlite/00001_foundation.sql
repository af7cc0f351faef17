-- The foundation: regions, organisations, accounts, API tokens and the audit log.
-- Times are stored as UTC text that modernc.org/sqlite reads back as time.Time.

-- +goose Up
CREATE TABLE regions (
    code       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('region', 'city')),
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    centre_en  TEXT NOT NULL DEFAULT '',
    population BIGINT NOT NULL DEFAULT 0,
    since      DATE
);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name_kk     TEXT NOT NULL DEFAULT '',
    name_ru     TEXT NOT NULL DEFAULT '',
    name_en     TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    bin         TEXT,
    parent_id   BIGINT REFERENCES organisations (id),
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '', -- names folded by parasat.FoldForSearch
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX organisations_bin ON organisations (bin) WHERE bin IS NOT NULL;
CREATE INDEX organisations_region ON organisations (region_code, id);
CREATE INDEX organisations_type ON organisations (type, id);
CREATE INDEX organisations_parent ON organisations (parent_id, id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE, -- stored lower-cased
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'kk',
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the secret, hex
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    actor_address TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    before        TEXT, -- JSON of the changed fields before the change
    after         TEXT  -- JSON of the changed fields after it
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The audit log is append-only: nothing in Parasat may edit or remove a row.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE users;
DROP TABLE organisations;
DROP TABLE regions;
