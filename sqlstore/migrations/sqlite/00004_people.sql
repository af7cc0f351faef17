-- The registers of volunteers and patrons, and the managed list of skills
-- volunteers offer. Lists filter by region, organisation (through the link
-- tables), status and skill, and search by the start of a folded name.

-- +goose Up
CREATE TABLE skills (
    code    TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL DEFAULT '',
    name_ru TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT ''
);
INSERT INTO skills (code, name_kk, name_ru, name_en) VALUES
    ('driving', 'Көлік жүргізу', 'Вождение автомобиля', 'Driving'),
    ('medical', 'Медициналық көмек', 'Медицинская помощь', 'Medical care'),
    ('teaching', 'Оқыту', 'Обучение и репетиторство', 'Teaching'),
    ('cooking', 'Тамақ дайындау', 'Приготовление еды', 'Cooking'),
    ('it', 'Ақпараттық технологиялар', 'Информационные технологии', 'IT'),
    ('languages', 'Аударма және тілдер', 'Перевод и языки', 'Languages and translation'),
    ('sign_language', 'Ымдау тілі', 'Жестовый язык', 'Sign language'),
    ('psychology', 'Психологиялық қолдау', 'Психологическая поддержка', 'Psychological support'),
    ('legal', 'Заң кеңесі', 'Юридическая консультация', 'Legal advice'),
    ('construction', 'Құрылыс және жөндеу', 'Строительство и ремонт', 'Construction and repairs'),
    ('photography', 'Фото және бейне түсіру', 'Фото- и видеосъёмка', 'Photography and video'),
    ('event_organisation', 'Іс-шара ұйымдастыру', 'Организация мероприятий', 'Event organisation');

CREATE TABLE volunteers (
    id                  INTEGER PRIMARY KEY,
    full_name           TEXT NOT NULL,
    name_key            TEXT NOT NULL, -- full name folded by parasat.FoldForSearch: order and prefix search
    search_text         TEXT NOT NULL, -- " " + folded words of the name and the e-mail, for word-prefix search
    birth_date          DATE NOT NULL,
    region_code         TEXT NOT NULL REFERENCES regions (code),
    city                TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    languages           TEXT NOT NULL DEFAULT '', -- codes separated by commas: kk,ru
    other_languages     TEXT NOT NULL DEFAULT '',
    available_weekdays  BOOLEAN NOT NULL DEFAULT FALSE,
    available_evenings  BOOLEAN NOT NULL DEFAULT FALSE,
    available_weekends  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_given_on    DATE NOT NULL,
    consent_scope       TEXT NOT NULL,
    consent_recorded_by BIGINT REFERENCES users (id),
    parent_name         TEXT,
    parent_phone        TEXT,
    parent_consent_on   DATE,
    emergency_name      TEXT NOT NULL DEFAULT '',
    emergency_phone     TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by          BIGINT REFERENCES users (id),
    decided_at          TIMESTAMP,
    user_id             BIGINT REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
-- One person signs up once: the same folded name and birth date is a duplicate.
CREATE UNIQUE INDEX volunteers_name_key_birth_date ON volunteers (name_key, birth_date);
CREATE UNIQUE INDEX volunteers_user_id ON volunteers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX volunteers_name ON volunteers (name_key, id);
CREATE INDEX volunteers_region ON volunteers (region_code, name_key, id);
CREATE INDEX volunteers_status ON volunteers (status, name_key, id);

CREATE TABLE volunteer_organisations (
    volunteer_id    BIGINT NOT NULL REFERENCES volunteers (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (volunteer_id, organisation_id)
);
CREATE INDEX volunteer_organisations_organisation ON volunteer_organisations (organisation_id, volunteer_id);

CREATE TABLE volunteer_skills (
    volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
    skill_code   TEXT NOT NULL REFERENCES skills (code),
    PRIMARY KEY (volunteer_id, skill_code)
);
CREATE INDEX volunteer_skills_skill ON volunteer_skills (skill_code, volunteer_id);

CREATE TABLE patrons (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('person', 'company')),
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL, -- folded name: order and prefix search
    search_text    TEXT NOT NULL, -- " " + folded words of the name, and the BIN
    bin            TEXT,
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL REFERENCES regions (code),
    public_consent BOOLEAN NOT NULL DEFAULT FALSE,
    user_id        BIGINT REFERENCES users (id),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX patrons_bin ON patrons (bin) WHERE bin IS NOT NULL;
CREATE UNIQUE INDEX patrons_user_id ON patrons (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX patrons_name ON patrons (name_key, id);
CREATE INDEX patrons_region ON patrons (region_code, name_key, id);

CREATE TABLE patron_organisations (
    patron_id       BIGINT NOT NULL REFERENCES patrons (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (patron_id, organisation_id)
);
CREATE INDEX patron_organisations_organisation ON patron_organisations (organisation_id, patron_id);

-- +goose Down
DROP TABLE patron_organisations;
DROP TABLE patrons;
DROP TABLE volunteer_skills;
DROP TABLE volunteer_organisations;
DROP TABLE volunteers;
DROP TABLE skills;
