-- The register of people helped: beneficiaries, households, their
-- categories and the organisations serving them, and the log of who opened
-- a beneficiary's full record.

-- +goose Up
CREATE TABLE households (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL, -- folded name, for prefix search
    region_code TEXT NOT NULL REFERENCES regions (code),
    address     TEXT NOT NULL DEFAULT '',
    head_id     BIGINT, -- a beneficiary; not a foreign key, the two tables point at each other
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX households_region ON households (region_code, id);
CREATE INDEX households_name ON households (name_key, id);

CREATE TABLE beneficiaries (
    id                  INTEGER PRIMARY KEY,
    full_name           TEXT NOT NULL,
    latin_name          TEXT NOT NULL DEFAULT '',
    name_key            TEXT NOT NULL, -- folded full name, for prefix search
    latin_key           TEXT NOT NULL DEFAULT '',
    iin                 TEXT, -- NULL once anonymised
    birth_date          DATE NOT NULL,
    sex                 TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    region_code         TEXT NOT NULL REFERENCES regions (code),
    address             TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    household_id        BIGINT REFERENCES households (id),
    relation            TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    consent_given_on    DATE,
    consent_scope       TEXT NOT NULL DEFAULT '',
    consent_recorded_by BIGINT REFERENCES users (id),
    anonymised_at       TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
-- The IIN is the strongest identity: one person, one record.
CREATE UNIQUE INDEX beneficiaries_iin ON beneficiaries (iin) WHERE iin IS NOT NULL;
CREATE INDEX beneficiaries_name ON beneficiaries (name_key, id);
CREATE INDEX beneficiaries_latin ON beneficiaries (latin_key, id);
CREATE INDEX beneficiaries_region ON beneficiaries (region_code, id);
CREATE INDEX beneficiaries_household ON beneficiaries (household_id);

CREATE TABLE beneficiary_categories (
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries (id),
    category       TEXT NOT NULL,
    valid_from     DATE,
    valid_until    DATE,
    PRIMARY KEY (beneficiary_id, category)
);
CREATE INDEX beneficiary_categories_category ON beneficiary_categories (category, beneficiary_id);

CREATE TABLE household_categories (
    household_id BIGINT NOT NULL REFERENCES households (id),
    category     TEXT NOT NULL,
    valid_from   DATE,
    valid_until  DATE,
    PRIMARY KEY (household_id, category)
);

CREATE TABLE beneficiary_organisations (
    beneficiary_id  BIGINT NOT NULL REFERENCES beneficiaries (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (beneficiary_id, organisation_id)
);
CREATE INDEX beneficiary_organisations_org ON beneficiary_organisations (organisation_id, beneficiary_id);

-- One key per person for the personal values their audit rows keep: erasing
-- the person deletes the key, and those values can no longer be read, while
-- the audit log itself stays append-only ("crypto-shredding").
CREATE TABLE erasable_keys (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    key       BLOB NOT NULL,
    PRIMARY KEY (entity, entity_id)
);

-- Every opening of a beneficiary's full record, kept like the audit log.
CREATE TABLE record_visits (
    id        INTEGER PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    user_id   BIGINT REFERENCES users (id),
    address   TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX record_visits_entity ON record_visits (entity, entity_id, id);
-- +goose StatementBegin
CREATE TRIGGER record_visits_no_update BEFORE UPDATE ON record_visits
BEGIN
    SELECT RAISE(ABORT, 'record_visits is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER record_visits_no_delete BEFORE DELETE ON record_visits
BEGIN
    SELECT RAISE(ABORT, 'record_visits is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE erasable_keys;
DROP TABLE record_visits;
DROP TABLE beneficiary_organisations;
DROP TABLE household_categories;
DROP TABLE beneficiary_categories;
DROP TABLE beneficiaries;
DROP TABLE households;
