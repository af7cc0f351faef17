package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

const donationColumns = `d.id, d.donor_kind, d.patron_id, d.donor_name, d.donor_contact, d.donor_language, d.public_name,
	d.amount_tiyn, d.received_on, d.channel, d.channel_reference, f.kind, f.ref_id, d.pledge_id, d.fund_id, d.organisation_id,
	` + donationRegion + `, d.entry_id, r.id, d.recorded_at, pt.user_id, rc.id, rc.year, rc.number, rc.language, rc.issued_at,
	d.campaign_id, d.event_id`

// donationRegion is a gift's region: its event's, else its organisation's.
const donationRegion = "COALESCE(ev.region_code, o.region_code)"

const donationJoins = ` FROM donations d JOIN funds f ON f.id = d.fund_id JOIN organisations o ON o.id = d.organisation_id
	LEFT JOIN events ev ON ev.id = d.event_id LEFT JOIN patrons pt ON pt.id = d.patron_id
	LEFT JOIN ledger_entries r ON r.reverses_id = d.entry_id LEFT JOIN receipts rc ON rc.donation_id = d.id`

// scanDonation reads a gift, and the campaign or event whose partners may see it.
func scanDonation(row interface{ Scan(...any) error }) (parasat.Donation, *int64, *int64, error) {
	var (
		d                                    parasat.Donation
		patron, pledge, reversal, user, rcID sql.NullInt64
		rcYear, rcNumber, campaign, event    sql.NullInt64
		rcLang                               sql.NullString
		rcIssued                             sql.NullTime
		received                             time.Time
	)
	err := row.Scan(&d.ID, &d.Donor.Kind, &patron, &d.Donor.Name, &d.Donor.Contact, &d.Donor.Language, &d.Donor.Public,
		&d.Amount, &received, &d.Channel, &d.Reference, &d.Designation.Kind, &d.Designation.ID, &pledge, &d.FundID,
		&d.OrganisationID, &d.Region, &d.EntryID, &reversal, &d.Recorded, &user, &rcID, &rcYear, &rcNumber, &rcLang, &rcIssued,
		&campaign, &event)
	d.Donor.PatronID, d.PledgeID, d.ReversedBy, d.DonorUserID = int64Ptr(patron), int64Ptr(pledge), int64Ptr(reversal), int64Ptr(user)
	d.ReceivedOn, d.Recorded = dateFrom(received), d.Recorded.UTC()
	if rcID.Valid {
		d.Receipt = &parasat.Receipt{ID: rcID.Int64, DonationID: d.ID, OrganisationID: d.OrganisationID, Year: int(rcYear.Int64),
			Number: int(rcNumber.Int64), Language: parasat.Language(rcLang.String), Issued: rcIssued.Time.UTC()}
	}
	return d, int64Ptr(campaign), int64Ptr(event), err
}

// donationsWhere reads the gifts a condition selects, with the partners of
// their campaigns and events (whose managers may see them).
func (db *DB) donationsWhere(ctx context.Context, q queryer, where string, args ...any) ([]parasat.Donation, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+donationColumns+donationJoins+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Donation{}
	var campaigns, events []int64
	campaignOf, eventOf := map[int]int64{}, map[int]int64{}
	for rows.Next() {
		d, campaign, event, err := scanDonation(rows)
		if err != nil {
			return nil, err
		}
		d.Partners = []int64{}
		if campaign != nil {
			campaigns = append(campaigns, *campaign)
			campaignOf[len(out)] = *campaign
		}
		if event != nil {
			events = append(events, *event)
			eventOf[len(out)] = *event
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(campaigns) > 0 {
		partners, err := loadLinks[int64](ctx, q, "campaign_partners", "campaign_id", "organisation_id", sortedIDs(campaigns))
		if err != nil {
			return nil, err
		}
		setPartners(out, campaignOf, partners)
	}
	if len(events) > 0 {
		partners, err := eventPartnerLinks(ctx, q, sortedIDs(events))
		if err != nil {
			return nil, err
		}
		setPartners(out, eventOf, partners)
	}
	return out, nil
}

// setPartners gives each gift the partners of its campaign or event.
func setPartners(list []parasat.Donation, of map[int]int64, partners map[int64][]int64) {
	for i, id := range of {
		if p := partners[id]; p != nil {
			list[i].Partners = p
		}
	}
}

func sortedIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Donation returns one gift.
func (db *DB) Donation(ctx context.Context, id int64) (*parasat.Donation, error) {
	list, err := db.donationsWhere(ctx, db.read, "d.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, parasat.Errorf(parasat.ENotFound, "donation %d not found", id)
	}
	return &list[0], nil
}

// ListDonations returns a page of the gifts the filter selects and the
// caller may see, newest first.
func (db *DB) ListDonations(ctx context.Context, f parasat.DonationFilter) ([]parasat.Donation, error) {
	var q listQuery
	visibleGifts(&q, f.Visibility, "d")
	if f.OrganisationID != 0 {
		q.and("d.organisation_id = " + q.arg(f.OrganisationID))
	}
	if f.CampaignID != 0 {
		q.and("d.campaign_id = " + q.arg(f.CampaignID))
	}
	if f.EventID != 0 {
		q.and("d.event_id = " + q.arg(f.EventID))
	}
	if f.PatronID != 0 {
		q.and("d.patron_id = " + q.arg(f.PatronID))
	}
	if f.Before > 0 {
		q.and("d.id < " + q.arg(f.Before))
	}
	return db.donationsWhere(ctx, db.read, q.clause()+" ORDER BY d.id DESC LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
}

// visibleGifts limits gifts (alias d) or pledges (alias pl), each joined to
// organisations o, events ev and patrons pt, to those the caller may see:
// of their regions (a gift or pledge to an event is in the event's), of
// their organisations or the campaigns and events those take part in, or
// their own.
func visibleGifts(q *listQuery, v parasat.Visibility, t string) {
	if v.All {
		return
	}
	var ors []string
	if len(v.RegionIn) > 0 {
		ors = append(ors, donationRegion+" IN ("+placeholders(q, v.RegionIn)+")")
	}
	if len(v.OrganisationIn) > 0 {
		orgs := placeholders(q, v.OrganisationIn)
		ors = append(ors, t+".organisation_id IN ("+orgs+")", "EXISTS (SELECT 1 FROM campaign_partners cp WHERE cp.campaign_id = "+
			t+".campaign_id AND cp.organisation_id IN ("+orgs+"))",
			"EXISTS (SELECT 1 FROM event_organisations eo WHERE eo.event_id = "+t+".event_id AND eo.organisation_id IN ("+orgs+"))")
	}
	if v.OwnerUserID != 0 {
		ors = append(ors, "pt.user_id = "+q.arg(v.OwnerUserID))
	}
	if len(ors) == 0 {
		q.and("1 = 0")
		return
	}
	q.and("(" + strings.Join(ors, " OR ") + ")")
}

// ReceiptDocument returns what the receipt of a gift shows.
func (db *DB) ReceiptDocument(ctx context.Context, donationID int64) (*parasat.ReceiptDocument, error) {
	d, err := db.Donation(ctx, donationID)
	if err != nil {
		return nil, err
	}
	if d.Receipt == nil {
		return nil, &parasat.Error{Code: parasat.EInvalid, Message: "an anonymous gift has no receipt",
			Fields: []parasat.FieldError{{Field: "donation", Code: "receipt.anonymous",
				Message: "a receipt names its donor; this gift was given anonymously"}}}
	}
	org, err := db.Organisation(ctx, d.OrganisationID)
	if err != nil {
		return nil, err
	}
	fund, err := db.FundByID(ctx, d.FundID)
	if err != nil {
		return nil, err
	}
	doc := &parasat.ReceiptDocument{Receipt: *d.Receipt, Donation: *d, Organisation: *org, FundName: fund.Name}
	if d.ReversedBy != nil {
		if doc.Reversal, err = db.LedgerEntry(ctx, *d.ReversedBy); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// Statement returns a patron's gifts received in one year.
func (db *DB) Statement(ctx context.Context, patronID int64, year int) (*parasat.Statement, error) {
	p, err := db.Patron(ctx, patronID)
	if err != nil {
		return nil, err
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	list, err := db.donationsWhere(ctx, db.read, "d.patron_id = $1 AND d.received_on >= $2 AND d.received_on < $3 ORDER BY d.received_on, d.id",
		patronID, from, from.AddDate(1, 0, 0))
	if err != nil {
		return nil, err
	}
	s := &parasat.Statement{Patron: *p, Year: year, Donations: list, Organisations: map[int64]parasat.Organisation{},
		FundNames: map[int64]parasat.Names{}}
	for _, d := range list {
		if d.ReversedBy == nil {
			s.Total += d.Amount
		}
		if _, ok := s.Organisations[d.OrganisationID]; !ok {
			o, err := db.Organisation(ctx, d.OrganisationID)
			if err != nil {
				return nil, err
			}
			s.Organisations[d.OrganisationID] = *o
		}
		if _, ok := s.FundNames[d.FundID]; !ok {
			f, err := db.FundByID(ctx, d.FundID)
			if err != nil {
				return nil, err
			}
			s.FundNames[d.FundID] = f.Name
		}
	}
	return s, nil
}
