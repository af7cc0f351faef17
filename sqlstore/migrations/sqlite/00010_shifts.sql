-- Volunteer shifts of events, the volunteers' sign-ups (a place or a turn
-- on the waitlist), their check-in and check-out, and the hours organisers
-- confirm. Confirmed hours are stored in minutes on the sign-up, with the
-- day in Kazakhstan (UTC+5) the shift starts on and the event's region, so
-- that reports sum them by day, region and (through event_id and
-- event_organisations) organisation on an index.

-- +goose Up
CREATE TABLE shifts (
    id         INTEGER PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES events (id),
    role_kk    TEXT NOT NULL DEFAULT '',
    role_ru    TEXT NOT NULL DEFAULT '',
    role_en    TEXT NOT NULL DEFAULT '',
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX shifts_event ON shifts (event_id, starts_at, id);
CREATE INDEX shifts_starts ON shifts (starts_at, id);

-- The skills a shift wants, from the managed list.
CREATE TABLE shift_skills (
    shift_id   BIGINT NOT NULL REFERENCES shifts (id),
    skill_code TEXT NOT NULL REFERENCES skills (code),
    PRIMARY KEY (shift_id, skill_code)
);

-- One volunteer on one shift. A volunteer has at most one active
-- (confirmed or waitlisted) sign-up per shift; the waitlist is served in the
-- order (signed_up_at, id). confirmed_minutes, hours_day and region_code are
-- what reports count: the minutes the organiser confirmed, the day in
-- Kazakhstan of the shift's start, the event's region.
CREATE TABLE shift_signups (
    id                 INTEGER PRIMARY KEY,
    shift_id           BIGINT NOT NULL REFERENCES shifts (id),
    event_id           BIGINT NOT NULL REFERENCES events (id),
    volunteer_id       BIGINT NOT NULL REFERENCES volunteers (id),
    region_code        TEXT NOT NULL REFERENCES regions (code),
    status             TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'removed')),
    signed_up_at       TIMESTAMP NOT NULL,
    signed_up_by       BIGINT REFERENCES users (id),
    placed_at          TIMESTAMP,
    ended_at           TIMESTAMP,
    ended_by           BIGINT REFERENCES users (id),
    checked_in_at      TIMESTAMP,
    checked_in_by      BIGINT REFERENCES users (id),
    checked_out_at     TIMESTAMP,
    checked_out_by     BIGINT REFERENCES users (id),
    minutes            BIGINT CHECK (minutes >= 0),
    confirmed_minutes  BIGINT CHECK (confirmed_minutes >= 0),
    hours_day          DATE,
    hours_confirmed_at TIMESTAMP,
    hours_confirmed_by BIGINT REFERENCES users (id),
    updated_at         TIMESTAMP NOT NULL,
    CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at)),
    CHECK (checked_in_at IS NULL OR status = 'confirmed'),
    CHECK (confirmed_minutes IS NULL OR (status = 'confirmed' AND hours_day IS NOT NULL))
);
CREATE UNIQUE INDEX shift_signups_active ON shift_signups (shift_id, volunteer_id) WHERE status IN ('confirmed', 'waitlisted');
CREATE INDEX shift_signups_shift ON shift_signups (shift_id, status, signed_up_at, id);
CREATE INDEX shift_signups_volunteer ON shift_signups (volunteer_id, status, shift_id);
CREATE INDEX shift_signups_event ON shift_signups (event_id, status);
-- What reports sum: confirmed minutes by day, by region and day, by event and day.
CREATE INDEX shift_signups_hours_day ON shift_signups (hours_day, volunteer_id) WHERE confirmed_minutes IS NOT NULL;
CREATE INDEX shift_signups_hours_region ON shift_signups (region_code, hours_day) WHERE confirmed_minutes IS NOT NULL;
CREATE INDEX shift_signups_hours_event ON shift_signups (event_id, hours_day) WHERE confirmed_minutes IS NOT NULL;

-- +goose Down
DROP TABLE shift_signups;
DROP TABLE shift_skills;
DROP TABLE shifts;
