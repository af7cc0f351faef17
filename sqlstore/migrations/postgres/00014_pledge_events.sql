-- Pledges to an event: a pledge names a campaign or an event, exactly one.

-- +goose Up
ALTER TABLE pledges ALTER COLUMN campaign_id DROP NOT NULL,
    ADD COLUMN event_id BIGINT REFERENCES events (id),
    ADD CONSTRAINT pledges_target CHECK ((campaign_id IS NULL) <> (event_id IS NULL));
CREATE INDEX pledges_event ON pledges (event_id, id) WHERE event_id IS NOT NULL;

-- +goose Down
DROP INDEX pledges_event;
ALTER TABLE pledges DROP CONSTRAINT pledges_target, DROP COLUMN event_id,
    ALTER COLUMN campaign_id SET NOT NULL; -- a pledge to an event stops the downgrade here
