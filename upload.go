package parasat

import (
	"context"
	"time"
)

// Upload is a spreadsheet uploaded for import, kept until the person
// importing accepts it (or for a day).
type Upload struct {
	ID       int64
	UserID   int64
	Kind     string // what the rows are: "beneficiaries", "volunteers" or "patrons"
	Filename string
	// OrganisationID, when set, serves the people imported from the file.
	OrganisationID *int64
	Data           []byte
	Created        time.Time
	Imported       *time.Time
}

// ImportService keeps uploaded spreadsheets and the column mappings people
// chose for them.
type ImportService interface {
	// SaveUpload stores a file; uploads older than a day are deleted then.
	SaveUpload(ctx context.Context, u *Upload) error
	// Upload returns an upload to the account that made it, or to an
	// admin; to anybody else it does not exist.
	Upload(ctx context.Context, id int64, by *User) (*Upload, error)
	MarkImported(ctx context.Context, id int64) error
	// RememberMapping keeps the field of each column (by index) for files
	// of a kind with the same header.
	RememberMapping(ctx context.Context, kind, signature string, mapping map[int]string) error
	// Mapping returns the remembered mapping, or nil when there is none.
	Mapping(ctx context.Context, kind, signature string) (map[int]string, error)
	// MatchBeneficiaries, MatchVolunteers and MatchPatrons return, for each
	// record given, the id of the one already registered for that person
	// (sharing an identity key: see IdentityKeys), or 0.
	MatchBeneficiaries(ctx context.Context, list []*Beneficiary) ([]int64, error)
	MatchVolunteers(ctx context.Context, list []*Volunteer) ([]int64, error)
	MatchPatrons(ctx context.Context, list []*Patron) ([]int64, error)
}
