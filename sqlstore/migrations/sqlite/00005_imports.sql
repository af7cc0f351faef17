-- Spreadsheets uploaded for import, kept until the person importing has
-- mapped the columns, seen the preview and accepted it (a day at most), and
-- the column mappings remembered for each kind of file, by its header.

-- +goose Up
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an old link must not reach a newer upload
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL, -- beneficiaries, volunteers, patrons
    filename        TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL, -- serves the people imported
    data            BLOB NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    imported_at     TIMESTAMP
);
CREATE INDEX imports_created_at ON imports (created_at);

CREATE TABLE import_mappings (
    kind             TEXT NOT NULL,
    header_signature TEXT NOT NULL, -- hash of the folded header cells
    mapping          TEXT NOT NULL, -- JSON: column index → field
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, header_signature)
);

-- +goose Down
DROP TABLE import_mappings;
DROP TABLE imports;
