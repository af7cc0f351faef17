package parasat

import (
	"context"
	"fmt"
	"time"
)

// Receipt is the numbered acknowledgement of a gift of money from a named
// donor. Numbers run per organisation and year, from 1, with no gaps.
type Receipt struct {
	ID             int64     `json:"id"`
	DonationID     int64     `json:"donation_id"`
	OrganisationID int64     `json:"organisation_id"`
	Year           int       `json:"year"`
	Number         int       `json:"number"`
	Language       Language  `json:"language"`
	Issued         time.Time `json:"issued_at"`
}

// Code is the receipt's number as printed: year, then the number, "2019-000042".
func (r *Receipt) Code() string { return fmt.Sprintf("%d-%06d", r.Year, r.Number) }

// ReceiptDocument is what a receipt shows.
type ReceiptDocument struct {
	Receipt      Receipt
	Donation     Donation
	Organisation Organisation
	FundName     Names
	// Reversal is the entry that cancelled the gift, if one did.
	Reversal *LedgerEntry
}

// Statement is a patron's gifts of one year, for their records.
type Statement struct {
	Patron    Patron
	Year      int
	Donations []Donation
	Total     int64 // reversed gifts not counted
	// Organisations names the organisations of the gifts, by id.
	Organisations map[int64]Organisation
	FundNames     map[int64]Names
}

// ReceiptService reads what receipts and statements show.
type ReceiptService interface {
	// ReceiptDocument returns the receipt of a donation; a gift without a
	// named donor has none (EInvalid, code receipt.anonymous).
	ReceiptDocument(ctx context.Context, donationID int64) (*ReceiptDocument, error)
	Statement(ctx context.Context, patronID int64, year int) (*Statement, error)
}
