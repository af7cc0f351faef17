-- Gifts designated to an event: an event's fund is held by the event's lead
-- organisation (funds.kind 'event', ref_id and event_id the event), and a
-- gift to it names the event, as a gift to a campaign names the campaign.

-- +goose Up
ALTER TABLE funds ADD COLUMN event_id BIGINT REFERENCES events (id),
    ADD CONSTRAINT funds_event CHECK ((kind = 'event') = (event_id IS NOT NULL) AND (event_id IS NULL OR event_id = ref_id));
ALTER TABLE donations ADD COLUMN event_id BIGINT REFERENCES events (id);
CREATE INDEX donations_event ON donations (event_id, id) WHERE event_id IS NOT NULL;

-- +goose Down
DROP INDEX donations_event;
ALTER TABLE donations DROP COLUMN event_id;
ALTER TABLE funds DROP COLUMN event_id;
