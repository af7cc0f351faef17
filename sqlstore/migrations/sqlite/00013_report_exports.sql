-- Report files (the whole report as XLSX or PDF) made by a background job
-- for the account that asked, kept in the database until they expire so
-- that any server process can serve them. The job's progress is the job's;
-- data is NULL until the file is made.

-- +goose Up
CREATE TABLE report_exports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an old link must not reach a newer file
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id     BIGINT NOT NULL,                   -- no foreign key: the queue purges its done jobs on its own schedule
    format     TEXT NOT NULL CHECK (format IN ('xlsx', 'pdf')),
    filter     TEXT NOT NULL,                     -- JSON of the report filter
    lang       TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    exact      BOOLEAN NOT NULL,
    subject    TEXT NOT NULL DEFAULT '{}',        -- JSON of the names of whose report it is
    size       BIGINT NOT NULL DEFAULT 0,
    data       BLOB,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX report_exports_user ON report_exports (user_id, id);
CREATE INDEX report_exports_expires ON report_exports (expires_at);

-- +goose Down
DROP TABLE report_exports;
