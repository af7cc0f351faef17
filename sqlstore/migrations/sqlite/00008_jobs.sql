-- The durable job queue: work that a change calls for (a mail, a long
-- export), committed in the change's transaction and performed by the
-- workers of any server process. A job is claimed in an immediate
-- transaction (SQLite's single writer, across processes) and held under a
-- lease: a job whose worker died is taken again once the lease ends.

-- +goose Up
CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL,
    payload        TEXT NOT NULL DEFAULT '{}', -- JSON; cleared when done
    unique_key     TEXT UNIQUE,                -- NULL: none; else one job per key
    status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    run_at         TIMESTAMP NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    max_attempts   INTEGER NOT NULL CHECK (max_attempts >= 1),
    claimed_by     TEXT,
    lease_until    TIMESTAMP,
    last_error     TEXT NOT NULL DEFAULT '',
    progress_done  BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    result         TEXT,                       -- JSON
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP,
    CHECK (status <> 'running' OR (claimed_by IS NOT NULL AND lease_until IS NOT NULL))
);
-- What the workers look for: due jobs, and running jobs whose lease ended.
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE status = 'running';
-- The admins' list by status, newest first, and the purge of old done jobs.
CREATE INDEX jobs_status ON jobs (status, id);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE status = 'done';

-- +goose Down
DROP TABLE jobs;
