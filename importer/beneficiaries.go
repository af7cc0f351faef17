// Package importer turns spreadsheets that associations keep into records:
// columns are mapped to fields, every row is checked, and nothing is written
// until the person importing accepts the rows that passed.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// Field is a field a column can be mapped to.
type Field string

const (
	Skip       Field = ""
	FullName   Field = "full_name"
	IIN        Field = "iin"
	BirthDate  Field = "birth_date"
	SexField   Field = "sex"
	Region     Field = "region"
	LatinName  Field = "latin_name"
	Address    Field = "address"
	Phone      Field = "phone"
	Categories Field = "categories"
	Notes      Field = "notes"
)

// BeneficiaryFields lists the fields of a beneficiary import; the first five
// are required.
var BeneficiaryFields = []Field{FullName, IIN, BirthDate, SexField, Region, LatinName, Address, Phone, Categories, Notes}

var requiredFields = []Field{FullName, IIN, BirthDate, SexField, Region}

// Mapping gives the field of each column, by column index.
type Mapping map[int]Field

// headerWords are the ways spreadsheets in Kazakhstan name the columns, folded.
var headerWords = map[Field][]string{
	FullName:   {"фио", "аты-жони", "аты жони", "толык аты", "full name", "name", "фамилия имя отчество", "аты"},
	IIN:        {"иин", "жсн", "iin"},
	BirthDate:  {"дата рождения", "туган куни", "birth date", "date of birth", "д.р."},
	SexField:   {"пол", "жынысы", "sex", "gender"},
	Region:     {"регион", "область", "онир", "облыс", "region"},
	LatinName:  {"латиницей", "латын", "latin"},
	Address:    {"адрес", "мекенжай", "address"},
	Phone:      {"телефон", "тел", "phone"},
	Categories: {"категория", "санат", "category", "categories"},
	Notes:      {"примечание", "заметки", "ескертпе", "notes"},
}

// GuessMapping maps the columns whose headers it recognises.
func GuessMapping(header []string) Mapping {
	m := Mapping{}
	used := map[Field]bool{}
	for i, h := range header {
		folded := parasat.FoldForSearch(strings.TrimSpace(h))
		for _, f := range BeneficiaryFields {
			if used[f] {
				continue
			}
			for _, w := range headerWords[f] {
				if folded == w || strings.HasPrefix(folded, w+" ") || strings.HasPrefix(folded, w+",") {
					m[i], used[f] = f, true
					break
				}
			}
			if m[i] != Skip {
				break
			}
		}
	}
	return m
}

// Missing returns the required fields the mapping lacks.
func (m Mapping) Missing() []Field {
	have := map[Field]bool{}
	for _, f := range m {
		have[f] = true
	}
	var out []Field
	for _, f := range requiredFields {
		if !have[f] {
			out = append(out, f)
		}
	}
	return out
}

// Row is one checked row of the file.
type Row struct {
	Line        int                  `json:"line"`
	Beneficiary *parasat.Beneficiary `json:"beneficiary,omitempty"`
	Problems    []parasat.FieldError `json:"problems,omitempty"`
	// ExistingID is the record already holding this IIN: the row is skipped,
	// so importing a file twice creates nothing twice.
	ExistingID int64 `json:"existing_id,omitempty"`
}

// Preview is the verdict on every row before anything is written.
type Preview struct {
	Valid    []Row `json:"valid"`
	Rejected []Row `json:"rejected"`
	Existing []Row `json:"existing"`
}

// Lookup finds the record already holding an IIN (0 when none).
type Lookup func(ctx context.Context, iin string) (int64, error)

// PreviewBeneficiaries checks every row of the table against the mapping.
func PreviewBeneficiaries(ctx context.Context, t *spreadsheet.Table, m Mapping, regions []parasat.Region,
	existing Lookup, today time.Time) (*Preview, error) {
	p := &Preview{Valid: []Row{}, Rejected: []Row{}, Existing: []Row{}}
	resolve := regionResolver(regions)
	seen := map[string]int{} // IIN → line, to refuse a person twice in one file
	for i, cells := range t.Rows {
		row := Row{Line: t.Lines[i]}
		b, problems := beneficiaryOf(cells, m, resolve)
		if err := b.Validate(today); err != nil {
			if e, ok := err.(*parasat.Error); ok {
				problems = append(problems, e.Fields...)
			}
		}
		if len(problems) == 0 {
			if line, dup := seen[b.IIN]; dup {
				problems = append(problems, parasat.FieldError{Field: "iin", Code: "iin.twice_in_file",
					Message: "the same IIN is on line " + itoa(line)})
			}
		}
		row.Beneficiary, row.Problems = b, problems
		switch {
		case len(problems) > 0:
			p.Rejected = append(p.Rejected, row)
			continue
		}
		seen[b.IIN] = row.Line
		id, err := existing(ctx, b.IIN)
		if err != nil {
			return nil, err
		}
		if id != 0 {
			row.ExistingID = id
			p.Existing = append(p.Existing, row)
			continue
		}
		p.Valid = append(p.Valid, row)
	}
	return p, nil
}

// HeaderSignature identifies a file's layout by its folded header cells, so
// that a mapping chosen once is offered again for files laid out the same.
func HeaderSignature(header []string) string {
	h := sha256.New()
	for _, cell := range header {
		h.Write([]byte(parasat.FoldForSearch(strings.TrimSpace(cell))))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))
}
