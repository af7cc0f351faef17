-- The change log of what the report figures count (package tally): every
-- change of aid, events, gifts, confirmed hours, people's households and
-- categories, and organisations appends the partition it touched — a day of
-- one kind of fact, or a person, household or organisation — so that each
-- server process reloads only those into its index of figures. Triggers
-- write it, so no change can forget to.
--
-- On SQLite one transaction writes at a time, so ids grow in the order of
-- commits: a reader remembers the last id it applied.

-- +goose Up
CREATE TABLE tally_changes (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    part TEXT NOT NULL CHECK (part IN ('aid', 'event', 'money', 'hours', 'person', 'household', 'organisation', 'region')),
    day  DATE,   -- aid, event, money, hours
    ref  BIGINT, -- person, household, organisation
    at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX tally_changes_at ON tally_changes (at);

-- lineage names this database's history of changes: a process that finds
-- another one (a backup of another database restored here) loads its index
-- anew, as it does when the log's ids go back (an older backup restored).
CREATE TABLE tally_meta (lineage TEXT NOT NULL);
INSERT INTO tally_meta (lineage) VALUES (lower(hex(randomblob(16))));

-- +goose StatementBegin
CREATE TRIGGER tally_aid_insert AFTER INSERT ON aid_records BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('aid', NEW.given_on);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_aid_update AFTER UPDATE ON aid_records BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('aid', OLD.given_on), ('aid', NEW.given_on);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_aid_delete AFTER DELETE ON aid_records BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('aid', OLD.given_on);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER tally_event_insert AFTER INSERT ON events BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('event', NEW.start_day);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_event_update AFTER UPDATE ON events BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('event', OLD.start_day), ('event', NEW.start_day);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_event_delete AFTER DELETE ON events BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('event', OLD.start_day);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_event_organisation_insert AFTER INSERT ON event_organisations BEGIN
    INSERT INTO tally_changes (part, day) SELECT 'event', start_day FROM events WHERE id = NEW.event_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_event_organisation_delete AFTER DELETE ON event_organisations BEGIN
    INSERT INTO tally_changes (part, day) SELECT 'event', start_day FROM events WHERE id = OLD.event_id;
END;
-- +goose StatementEnd
-- An event with shifts counts its volunteers by confirmed hours.
-- +goose StatementBegin
CREATE TRIGGER tally_shift_insert AFTER INSERT ON shifts BEGIN
    INSERT INTO tally_changes (part, day) SELECT 'event', start_day FROM events WHERE id = NEW.event_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_shift_delete AFTER DELETE ON shifts BEGIN
    INSERT INTO tally_changes (part, day) SELECT 'event', start_day FROM events WHERE id = OLD.event_id;
END;
-- +goose StatementEnd

-- Gifts and their reversals all pass through the money raised per day.
-- +goose StatementBegin
CREATE TRIGGER tally_money_insert AFTER INSERT ON money_daily BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('money', NEW.day);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_money_update AFTER UPDATE ON money_daily BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('money', NEW.day);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER tally_hours_insert AFTER INSERT ON shift_signups WHEN NEW.hours_day IS NOT NULL BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('hours', NEW.hours_day);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_hours_update AFTER UPDATE OF confirmed_minutes, hours_day, region_code, event_id, volunteer_id, status
    ON shift_signups WHEN OLD.hours_day IS NOT NULL OR NEW.hours_day IS NOT NULL BEGIN
    INSERT INTO tally_changes (part, day) SELECT 'hours', OLD.hours_day WHERE OLD.hours_day IS NOT NULL;
    INSERT INTO tally_changes (part, day) SELECT 'hours', NEW.hours_day WHERE NEW.hours_day IS NOT NULL;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_hours_delete AFTER DELETE ON shift_signups WHEN OLD.hours_day IS NOT NULL BEGIN
    INSERT INTO tally_changes (part, day) VALUES ('hours', OLD.hours_day);
END;
-- +goose StatementEnd

-- People: the household a person lives in, and the categories of people
-- and households. A new person without a household counts nothing until
-- helped, and their categories log themselves.
-- +goose StatementBegin
CREATE TRIGGER tally_person_insert AFTER INSERT ON beneficiaries WHEN NEW.household_id IS NOT NULL BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_person_update AFTER UPDATE OF household_id ON beneficiaries BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_person_delete AFTER DELETE ON beneficiaries BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', OLD.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_person_category_insert AFTER INSERT ON beneficiary_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', NEW.beneficiary_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_person_category_update AFTER UPDATE ON beneficiary_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', OLD.beneficiary_id), ('person', NEW.beneficiary_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_person_category_delete AFTER DELETE ON beneficiary_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('person', OLD.beneficiary_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_household_category_insert AFTER INSERT ON household_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('household', NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_household_category_update AFTER UPDATE ON household_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('household', OLD.household_id), ('household', NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_household_category_delete AFTER DELETE ON household_categories BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('household', OLD.household_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER tally_organisation_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('organisation', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_organisation_update AFTER UPDATE OF parent_id, type, region_code, name_kk, name_ru, name_en
    ON organisations BEGIN
    INSERT INTO tally_changes (part, ref) VALUES ('organisation', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_region_insert AFTER INSERT ON regions BEGIN
    INSERT INTO tally_changes (part) VALUES ('region');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tally_region_update AFTER UPDATE ON regions BEGIN
    INSERT INTO tally_changes (part) VALUES ('region');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER tally_region_update;
DROP TRIGGER tally_region_insert;
DROP TRIGGER tally_organisation_update;
DROP TRIGGER tally_organisation_insert;
DROP TRIGGER tally_household_category_delete;
DROP TRIGGER tally_household_category_update;
DROP TRIGGER tally_household_category_insert;
DROP TRIGGER tally_person_category_delete;
DROP TRIGGER tally_person_category_update;
DROP TRIGGER tally_person_category_insert;
DROP TRIGGER tally_person_delete;
DROP TRIGGER tally_person_update;
DROP TRIGGER tally_person_insert;
DROP TRIGGER tally_hours_delete;
DROP TRIGGER tally_hours_update;
DROP TRIGGER tally_hours_insert;
DROP TRIGGER tally_money_update;
DROP TRIGGER tally_money_insert;
DROP TRIGGER tally_shift_delete;
DROP TRIGGER tally_shift_insert;
DROP TRIGGER tally_event_organisation_delete;
DROP TRIGGER tally_event_organisation_insert;
DROP TRIGGER tally_event_delete;
DROP TRIGGER tally_event_update;
DROP TRIGGER tally_event_insert;
DROP TRIGGER tally_aid_delete;
DROP TRIGGER tally_aid_update;
DROP TRIGGER tally_aid_insert;
DROP TABLE tally_meta;
DROP TABLE tally_changes;
