-- Pledges to an event: a pledge names a campaign or an event, exactly one.
-- SQLite cannot drop a NOT NULL, so the table is made again. Gifts refer to
-- pledges, so the foreign keys are checked at the commit (defer_foreign_keys
-- lasts until then): dropping the old table leaves those references
-- dangling for a moment, and putting its rows back settles them.

-- +goose Up
PRAGMA defer_foreign_keys = ON;
CREATE TABLE pledges_before (
    id INTEGER, patron_id BIGINT, campaign_id BIGINT, organisation_id BIGINT, schedule TEXT, amount_tiyn BIGINT,
    months INTEGER, starts_on DATE, due_on DATE, notes TEXT, received_tiyn BIGINT, created_at TIMESTAMP, updated_at TIMESTAMP
);
INSERT INTO pledges_before SELECT id, patron_id, campaign_id, organisation_id, schedule, amount_tiyn, months, starts_on,
    due_on, notes, received_tiyn, created_at, updated_at FROM pledges;
DROP TABLE pledges;
CREATE TABLE pledges (
    id              INTEGER PRIMARY KEY,
    patron_id       BIGINT NOT NULL REFERENCES patrons (id),
    campaign_id     BIGINT REFERENCES campaigns (id),
    event_id        BIGINT REFERENCES events (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id), -- the campaign's lead, or the event's
    schedule        TEXT NOT NULL CHECK (schedule IN ('once', 'monthly', 'by_date')),
    amount_tiyn     BIGINT NOT NULL CHECK (amount_tiyn > 0),
    months          INTEGER NOT NULL DEFAULT 0,
    starts_on       DATE,
    due_on          DATE,
    notes           TEXT NOT NULL DEFAULT '',
    received_tiyn   BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CONSTRAINT pledges_target CHECK ((campaign_id IS NULL) <> (event_id IS NULL))
);
INSERT INTO pledges (id, patron_id, campaign_id, organisation_id, schedule, amount_tiyn, months, starts_on, due_on, notes,
    received_tiyn, created_at, updated_at)
    SELECT id, patron_id, campaign_id, organisation_id, schedule, amount_tiyn, months, starts_on, due_on, notes,
    received_tiyn, created_at, updated_at FROM pledges_before;
DROP TABLE pledges_before;
CREATE INDEX pledges_campaign ON pledges (campaign_id, id);
CREATE INDEX pledges_event ON pledges (event_id, id) WHERE event_id IS NOT NULL;
CREATE INDEX pledges_patron ON pledges (patron_id, id);

-- +goose Down
PRAGMA defer_foreign_keys = ON;
CREATE TABLE pledges_before (
    id INTEGER, patron_id BIGINT, campaign_id BIGINT, organisation_id BIGINT, schedule TEXT, amount_tiyn BIGINT,
    months INTEGER, starts_on DATE, due_on DATE, notes TEXT, received_tiyn BIGINT, created_at TIMESTAMP, updated_at TIMESTAMP
);
INSERT INTO pledges_before SELECT id, patron_id, campaign_id, organisation_id, schedule, amount_tiyn, months, starts_on,
    due_on, notes, received_tiyn, created_at, updated_at FROM pledges;
DROP TABLE pledges;
CREATE TABLE pledges (
    id              INTEGER PRIMARY KEY,
    patron_id       BIGINT NOT NULL REFERENCES patrons (id),
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id), -- a pledge to an event stops the downgrade here
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    schedule        TEXT NOT NULL CHECK (schedule IN ('once', 'monthly', 'by_date')),
    amount_tiyn     BIGINT NOT NULL CHECK (amount_tiyn > 0),
    months          INTEGER NOT NULL DEFAULT 0,
    starts_on       DATE,
    due_on          DATE,
    notes           TEXT NOT NULL DEFAULT '',
    received_tiyn   BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
INSERT INTO pledges SELECT * FROM pledges_before;
DROP TABLE pledges_before;
CREATE INDEX pledges_campaign ON pledges (campaign_id, id);
CREATE INDEX pledges_patron ON pledges (patron_id, id);
