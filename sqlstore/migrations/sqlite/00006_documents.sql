-- Documents of beneficiaries (certificates of disability, of low income, …),
-- kept in the database itself so that a backup holds them consistently with
-- the records they belong to. Erasing a person deletes their documents.

-- +goose Up
CREATE TABLE beneficiary_documents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an old link must not reach a newer document
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    filename       TEXT NOT NULL DEFAULT '',
    content_type   TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size           BIGINT NOT NULL CHECK (size > 0),
    sha256         TEXT NOT NULL,
    data           BLOB NOT NULL,
    uploaded_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX beneficiary_documents_beneficiary ON beneficiary_documents (beneficiary_id, id);

-- +goose Down
DROP TABLE beneficiary_documents;
