-- Money and gifts: campaigns, funds, the double-entry ledger with running
-- balances, donations with gap-free numbered receipts, pledges, a stock of
-- goods per organisation, public donor totals, money raised per day, and
-- idempotency keys of API writes. The ledger, donations, receipts, gifts of
-- goods and stock movements are append-only: triggers refuse updates and
-- deletes, so a mistake is corrected by a reversing entry.

-- +goose Up
CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    name_kk         TEXT NOT NULL DEFAULT '',
    name_ru         TEXT NOT NULL DEFAULT '',
    name_en         TEXT NOT NULL DEFAULT '',
    description_kk  TEXT NOT NULL DEFAULT '',
    description_ru  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    target_tiyn     BIGINT NOT NULL CHECK (target_tiyn > 0),
    starts_on       DATE NOT NULL,
    ends_on         DATE NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_organisation ON campaigns (organisation_id, id);

CREATE TABLE campaign_partners (
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (campaign_id, organisation_id)
);
CREATE INDEX campaign_partners_organisation ON campaign_partners (organisation_id, campaign_id);

-- A fund is a pot of money held by an organisation: its general fund, or a
-- campaign's (event and need come with their own work, as new columns).
CREATE TABLE funds (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('general', 'campaign', 'event', 'need')),
    ref_id          BIGINT NOT NULL, -- the designation's record: organisation, campaign
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    campaign_id     BIGINT REFERENCES campaigns (id),
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (kind, ref_id),
    CHECK (kind <> 'general' OR (ref_id = organisation_id AND campaign_id IS NULL)),
    CHECK (kind <> 'campaign' OR campaign_id = ref_id)
);
CREATE INDEX funds_organisation ON funds (organisation_id, id);

-- Each fund's accounts. Signs: cash, transfers_out and spending grow with
-- positive amounts, donations and transfers_in with negative ones, so the
-- accounts of a fund always add up to zero. balance_tiyn is the running
-- balance, kept in the transaction of each posting.
CREATE TABLE ledger_accounts (
    id           INTEGER PRIMARY KEY,
    fund_id      BIGINT NOT NULL REFERENCES funds (id),
    kind         TEXT NOT NULL CHECK (kind IN ('cash', 'donations', 'transfers_in', 'transfers_out', 'spending')),
    purpose      TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    balance_tiyn BIGINT NOT NULL DEFAULT 0,
    postings     BIGINT NOT NULL DEFAULT 0,
    UNIQUE (fund_id, kind, purpose, category)
);

CREATE TABLE ledger_entries (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('donation', 'spending', 'transfer', 'reversal')),
    fund_id            BIGINT NOT NULL REFERENCES funds (id),
    to_fund_id         BIGINT REFERENCES funds (id),
    organisation_id    BIGINT NOT NULL REFERENCES organisations (id),
    to_organisation_id BIGINT REFERENCES organisations (id),
    amount_tiyn        BIGINT NOT NULL CHECK (amount_tiyn > 0),
    occurred_on        DATE NOT NULL,
    purpose            TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    memo               TEXT NOT NULL DEFAULT '',
    reverses_id        BIGINT UNIQUE REFERENCES ledger_entries (id),
    reason             TEXT NOT NULL DEFAULT '',
    overdraft          BOOLEAN NOT NULL DEFAULT FALSE,
    overdraft_by       BIGINT REFERENCES users (id),
    recorded_at        TIMESTAMP NOT NULL,
    recorded_by        BIGINT REFERENCES users (id),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
    CHECK (kind <> 'reversal' OR reason <> ''),
    CHECK ((to_fund_id IS NULL) = (to_organisation_id IS NULL))
);
CREATE INDEX ledger_entries_organisation ON ledger_entries (organisation_id, id);
CREATE INDEX ledger_entries_to_organisation ON ledger_entries (to_organisation_id, id) WHERE to_organisation_id IS NOT NULL;

CREATE TABLE ledger_postings (
    entry_id           BIGINT NOT NULL REFERENCES ledger_entries (id),
    account_id         BIGINT NOT NULL REFERENCES ledger_accounts (id),
    amount_tiyn        BIGINT NOT NULL CHECK (amount_tiyn <> 0),
    balance_after_tiyn BIGINT NOT NULL,
    PRIMARY KEY (entry_id, account_id)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id, entry_id);

CREATE TABLE pledges (
    id              INTEGER PRIMARY KEY,
    patron_id       BIGINT NOT NULL REFERENCES patrons (id),
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id),
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
CREATE INDEX pledges_campaign ON pledges (campaign_id, id);
CREATE INDEX pledges_patron ON pledges (patron_id, id);

CREATE TABLE donations (
    id                INTEGER PRIMARY KEY,
    entry_id          BIGINT NOT NULL UNIQUE REFERENCES ledger_entries (id),
    fund_id           BIGINT NOT NULL REFERENCES funds (id),
    organisation_id   BIGINT NOT NULL REFERENCES organisations (id),
    campaign_id       BIGINT REFERENCES campaigns (id),
    donor_kind        TEXT NOT NULL CHECK (donor_kind IN ('patron', 'person', 'anonymous')),
    patron_id         BIGINT REFERENCES patrons (id),
    donor_name        TEXT NOT NULL DEFAULT '',
    donor_contact     TEXT NOT NULL DEFAULT '',
    donor_language    TEXT NOT NULL DEFAULT 'kk',
    public_name       BOOLEAN NOT NULL DEFAULT FALSE,
    amount_tiyn       BIGINT NOT NULL CHECK (amount_tiyn > 0),
    received_on       DATE NOT NULL,
    channel           TEXT NOT NULL CHECK (channel IN ('cash', 'bank_transfer', 'kaspi', 'card', 'other')),
    channel_reference TEXT NOT NULL DEFAULT '',
    pledge_id         BIGINT REFERENCES pledges (id),
    recorded_at       TIMESTAMP NOT NULL,
    CHECK ((donor_kind = 'patron') = (patron_id IS NOT NULL)),
    CHECK (donor_kind <> 'person' OR donor_name <> ''),
    CHECK (donor_kind <> 'anonymous' OR (donor_name = '' AND NOT public_name))
);
CREATE INDEX donations_organisation ON donations (organisation_id, id);
CREATE INDEX donations_campaign ON donations (campaign_id, id) WHERE campaign_id IS NOT NULL;
CREATE INDEX donations_patron ON donations (patron_id, id) WHERE patron_id IS NOT NULL;
CREATE INDEX donations_received ON donations (received_on, organisation_id);
CREATE INDEX donations_pledge ON donations (pledge_id) WHERE pledge_id IS NOT NULL;

-- Receipt numbers run per organisation and year; the counter is advanced in
-- the transaction of the gift, so a rolled-back gift leaves no gap.
CREATE TABLE receipt_counters (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    year            INTEGER NOT NULL,
    last_number     BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, year)
);
CREATE TABLE receipts (
    id              INTEGER PRIMARY KEY,
    donation_id     BIGINT NOT NULL UNIQUE REFERENCES donations (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    year            INTEGER NOT NULL,
    number          BIGINT NOT NULL CHECK (number > 0),
    language        TEXT NOT NULL,
    issued_at       TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, year, number)
);

-- Donors who agreed to be named, with their running totals, per fund and
-- per organisation, so the public page never scans the gifts.
CREATE TABLE public_donors (
    scope      TEXT NOT NULL CHECK (scope IN ('fund', 'organisation')),
    scope_id   BIGINT NOT NULL,
    donor_key  TEXT NOT NULL, -- p:<patron id> or n:<folded name>
    name       TEXT NOT NULL,
    total_tiyn BIGINT NOT NULL,
    gifts      BIGINT NOT NULL,
    PRIMARY KEY (scope, scope_id, donor_key)
);
-- Largest first, read backwards along the index: no sort of all a fund's donors.
CREATE INDEX public_donors_rank ON public_donors (scope, scope_id, total_tiyn, donor_key);

-- Money raised per organisation and day received, reversals subtracted on
-- the day of the gift they reverse: period figures without scanning gifts.
CREATE TABLE money_daily (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    day             DATE NOT NULL,
    raised_tiyn     BIGINT NOT NULL,
    donations       BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, day)
);

CREATE TABLE stock_items (
    id                 INTEGER PRIMARY KEY,
    organisation_id    BIGINT NOT NULL REFERENCES organisations (id),
    name               TEXT NOT NULL,
    name_key           TEXT NOT NULL,
    unit               TEXT NOT NULL CHECK (unit IN ('piece', 'pack', 'set', 'kg', 'tonne', 'litre')),
    received_qty       BIGINT NOT NULL DEFAULT 0,
    issued_qty         BIGINT NOT NULL DEFAULT 0,
    adjusted_qty       BIGINT NOT NULL DEFAULT 0,
    on_hand_qty        BIGINT NOT NULL DEFAULT 0 CHECK (on_hand_qty >= 0),
    value_in_tiyn      BIGINT NOT NULL DEFAULT 0,
    value_out_tiyn     BIGINT NOT NULL DEFAULT 0,
    value_on_hand_tiyn BIGINT NOT NULL DEFAULT 0 CHECK (value_on_hand_tiyn >= 0),
    created_at         TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, name_key, unit)
);

CREATE TABLE goods_gifts (
    id               INTEGER PRIMARY KEY,
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id),
    donor_kind       TEXT NOT NULL CHECK (donor_kind IN ('patron', 'person', 'anonymous')),
    patron_id        BIGINT REFERENCES patrons (id),
    donor_name       TEXT NOT NULL DEFAULT '',
    donor_contact    TEXT NOT NULL DEFAULT '',
    public_name      BOOLEAN NOT NULL DEFAULT FALSE,
    received_on      DATE NOT NULL,
    valued_by        TEXT NOT NULL,
    valuation_method TEXT NOT NULL CHECK (valuation_method IN ('documents', 'market_price', 'expert')),
    value_tiyn       BIGINT NOT NULL CHECK (value_tiyn > 0),
    notes            TEXT NOT NULL DEFAULT '',
    recorded_at      TIMESTAMP NOT NULL,
    recorded_by      BIGINT REFERENCES users (id)
);
CREATE INDEX goods_gifts_organisation ON goods_gifts (organisation_id, id);

CREATE TABLE stock_movements (
    id              INTEGER PRIMARY KEY,
    item_id         BIGINT NOT NULL REFERENCES stock_items (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    kind            TEXT NOT NULL CHECK (kind IN ('gift', 'issue', 'adjustment')),
    gift_id         BIGINT REFERENCES goods_gifts (id),
    quantity        BIGINT NOT NULL CHECK (quantity <> 0),
    value_tiyn      BIGINT NOT NULL,
    on_hand_after   BIGINT NOT NULL CHECK (on_hand_after >= 0),
    occurred_on     DATE NOT NULL,
    memo            TEXT NOT NULL DEFAULT '',
    recorded_at     TIMESTAMP NOT NULL,
    recorded_by     BIGINT REFERENCES users (id),
    CHECK ((kind = 'gift') = (gift_id IS NOT NULL))
);
CREATE INDEX stock_movements_item ON stock_movements (item_id, id);

-- A retried API write answers from here instead of recording again.
CREATE TABLE idempotency_keys (
    user_id      BIGINT NOT NULL REFERENCES users (id),
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response     TEXT,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

-- Append-only: nothing may edit or remove an entry, a posting, a gift, a
-- receipt or a stock movement.
-- +goose StatementBegin
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER donations_no_update BEFORE UPDATE ON donations
BEGIN SELECT RAISE(ABORT, 'donations is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER donations_no_delete BEFORE DELETE ON donations
BEGIN SELECT RAISE(ABORT, 'donations is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
BEGIN SELECT RAISE(ABORT, 'receipts is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER goods_gifts_no_update BEFORE UPDATE ON goods_gifts
BEGIN SELECT RAISE(ABORT, 'goods_gifts is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER goods_gifts_no_delete BEFORE DELETE ON goods_gifts
BEGIN SELECT RAISE(ABORT, 'goods_gifts is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
-- +goose StatementEnd
-- An account's running balance changes; what the account is never does.
-- +goose StatementBegin
CREATE TRIGGER ledger_accounts_fixed BEFORE UPDATE OF fund_id, kind, purpose, category ON ledger_accounts
BEGIN SELECT RAISE(ABORT, 'a ledger account cannot change what it is'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
BEGIN SELECT RAISE(ABORT, 'ledger_accounts are never deleted'); END;
-- +goose StatementEnd
-- A reversal is final: it cannot itself be reversed.
-- +goose StatementBegin
CREATE TRIGGER ledger_no_reversal_of_reversal BEFORE INSERT ON ledger_entries
WHEN NEW.reverses_id IS NOT NULL AND (SELECT kind FROM ledger_entries WHERE id = NEW.reverses_id) = 'reversal'
BEGIN SELECT RAISE(ABORT, 'a reversal cannot be reversed'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE stock_movements;
DROP TABLE goods_gifts;
DROP TABLE stock_items;
DROP TABLE money_daily;
DROP TABLE public_donors;
DROP TABLE receipts;
DROP TABLE receipt_counters;
DROP TABLE donations;
DROP TABLE pledges;
DROP TABLE ledger_postings;
DROP TABLE ledger_entries;
DROP TABLE ledger_accounts;
DROP TABLE funds;
DROP TABLE campaign_partners;
DROP TABLE campaigns;
