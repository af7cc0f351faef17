-- Accounts grow scoped roles, deactivation, sessions, password resets and
-- sign-in throttling; audit rows remember the region of what changed so that
-- a regional coordinator can read the history of their region.

-- +goose Up
CREATE TABLE role_grants (
    id              INTEGER PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'manager', 'volunteer', 'patron')),
    region_code     TEXT REFERENCES regions (code),
    organisation_id BIGINT REFERENCES organisations (id),
    created_at      TIMESTAMP NOT NULL,
    created_by      BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, COALESCE(region_code, ''), COALESCE(organisation_id, 0));
CREATE INDEX role_grants_organisation ON role_grants (organisation_id);

INSERT INTO role_grants (user_id, role, created_at) SELECT id, role, created_at FROM users;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMP;
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMP;
-- Name and e-mail folded by parasat.FoldForSearch (SQLite's LOWER knows only
-- ASCII); rows from before this version are filled in by the store after migrating.
ALTER TABLE users ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY, -- SHA-256 of the cookie's secret, hex
    user_id      BIGINT NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL, -- absolute expiry
    address      TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE signin_throttle (
    key           TEXT PRIMARY KEY, -- "account:<email>" or "address:<ip>"
    failures      INTEGER NOT NULL,
    last_failure  TIMESTAMP NOT NULL,
    locked_until  TIMESTAMP
);

ALTER TABLE audit_log ADD COLUMN region_code TEXT;
CREATE INDEX audit_log_region ON audit_log (region_code, id);

-- +goose Down
DROP INDEX audit_log_region;
ALTER TABLE audit_log DROP COLUMN region_code;
DROP TABLE signin_throttle;
DROP TABLE password_resets;
DROP TABLE sessions;
ALTER TABLE users DROP COLUMN search_text;
ALTER TABLE users DROP COLUMN password_changed_at;
ALTER TABLE users DROP COLUMN deactivated_at;
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'admin';
DROP TABLE role_grants;
