-- Charitable events and the record of every act of help (aid records), the
-- unit every report counts (FIGURES.md). Amounts are integer tiyn; the day of
-- an event's start and of an aid record are calendar days in Kazakhstan
-- (UTC+5), so that reports filter periods on indexed days.

-- +goose Up
CREATE TABLE events (
    id                   INTEGER PRIMARY KEY,
    title_kk             TEXT NOT NULL DEFAULT '',
    title_ru             TEXT NOT NULL DEFAULT '',
    title_en             TEXT NOT NULL DEFAULT '',
    description_kk       TEXT NOT NULL DEFAULT '',
    description_ru       TEXT NOT NULL DEFAULT '',
    description_en       TEXT NOT NULL DEFAULT '',
    search_text          TEXT NOT NULL DEFAULT '', -- " " + folded words of the titles
    kind                 TEXT NOT NULL CHECK (kind IN ('concert_visit', 'distribution', 'fundraiser', 'medical_help',
                                                       'repair', 'training', 'sports_culture', 'other')),
    starts_at            TIMESTAMP NOT NULL,
    ends_at              TIMESTAMP NOT NULL,
    start_day            DATE NOT NULL, -- the day in Kazakhstan (UTC+5) of starts_at
    address              TEXT NOT NULL DEFAULT '',
    region_code          TEXT NOT NULL REFERENCES regions (code),
    lead_organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    planned_budget_tiyn  BIGINT NOT NULL DEFAULT 0 CHECK (planned_budget_tiyn >= 0),
    occasion_key         TEXT, -- a day of the calendar of occasions (no table yet)
    status               TEXT NOT NULL CHECK (status IN ('planned', 'held', 'reported', 'cancelled')),
    cancel_reason        TEXT NOT NULL DEFAULT '',
    held_at              TIMESTAMP,
    held_by              BIGINT REFERENCES users (id),
    reported_at          TIMESTAMP,
    reported_by          BIGINT REFERENCES users (id),
    cancelled_at         TIMESTAMP,
    cancelled_by         BIGINT REFERENCES users (id),
    volunteers           INTEGER CHECK (volunteers >= 0),        -- reported with the results
    volunteer_minutes    BIGINT CHECK (volunteer_minutes >= 0),  -- reported with the results
    published            BOOLEAN NOT NULL DEFAULT FALSE,
    created_by           BIGINT REFERENCES users (id),
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_start ON events (start_day, id);
CREATE INDEX events_starts_at ON events (starts_at, id);
CREATE INDEX events_region ON events (region_code, start_day);
CREATE INDEX events_lead ON events (lead_organisation_id, start_day);
CREATE INDEX events_status ON events (status, start_day);
CREATE INDEX events_published ON events (published, starts_at, id);
CREATE INDEX events_occasion ON events (occasion_key, start_day) WHERE occasion_key IS NOT NULL;

-- Every organisation of an event: its lead (also in events) and its partners.
CREATE TABLE event_organisations (
    event_id        BIGINT NOT NULL REFERENCES events (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role            TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
    PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_organisations_organisation ON event_organisations (organisation_id, event_id);

CREATE TABLE event_patrons (
    event_id  BIGINT NOT NULL REFERENCES events (id),
    patron_id BIGINT NOT NULL REFERENCES patrons (id),
    PRIMARY KEY (event_id, patron_id)
);
CREATE INDEX event_patrons_patron ON event_patrons (patron_id, event_id);

-- Beneficiary categories the event is for.
CREATE TABLE event_target_groups (
    event_id BIGINT NOT NULL REFERENCES events (id),
    category TEXT NOT NULL,
    PRIMARY KEY (event_id, category)
);
CREATE INDEX event_target_groups_category ON event_target_groups (category, event_id);

-- The public photo: a JPEG re-encoded by Parasat, without the camera's metadata.
CREATE TABLE event_photos (
    event_id   BIGINT PRIMARY KEY REFERENCES events (id),
    data       BLOB NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One act of help. region_code is where it was given: the event's region, or
-- the giving organisation's for help without an event (fixed when recorded).
CREATE TABLE aid_records (
    id              INTEGER PRIMARY KEY,
    given_on        DATE NOT NULL, -- the day in Kazakhstan
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    event_id        BIGINT REFERENCES events (id),
    region_code     TEXT NOT NULL REFERENCES regions (code),
    recipient_kind  TEXT NOT NULL CHECK (recipient_kind IN ('beneficiary', 'household', 'group')),
    beneficiary_id  BIGINT REFERENCES beneficiaries (id),
    household_id    BIGINT REFERENCES households (id),
    group_size      INTEGER CHECK (group_size >= 1),
    kind            TEXT NOT NULL CHECK (kind IN ('money', 'goods', 'service', 'care', 'development')),
    item            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    quantity        INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    value_tiyn      BIGINT NOT NULL CHECK (value_tiyn >= 0 AND value_tiyn <= 150000000000),
    created_by      BIGINT REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL,
    CHECK ((recipient_kind = 'beneficiary' AND beneficiary_id IS NOT NULL AND household_id IS NULL AND group_size IS NULL)
        OR (recipient_kind = 'household' AND household_id IS NOT NULL AND beneficiary_id IS NULL AND group_size IS NULL)
        OR (recipient_kind = 'group' AND group_size IS NOT NULL AND beneficiary_id IS NULL AND household_id IS NULL))
);
CREATE INDEX aid_records_day ON aid_records (given_on, id);
CREATE INDEX aid_records_organisation ON aid_records (organisation_id, given_on);
CREATE INDEX aid_records_region ON aid_records (region_code, given_on);
CREATE INDEX aid_records_event ON aid_records (event_id, id);
CREATE INDEX aid_records_beneficiary ON aid_records (beneficiary_id, given_on) WHERE beneficiary_id IS NOT NULL;
CREATE INDEX aid_records_household ON aid_records (household_id, given_on) WHERE household_id IS NOT NULL;
CREATE INDEX aid_records_kind ON aid_records (kind, given_on);

-- +goose Down
DROP TABLE aid_records;
DROP TABLE event_photos;
DROP TABLE event_target_groups;
DROP TABLE event_patrons;
DROP TABLE event_organisations;
DROP TABLE events;
