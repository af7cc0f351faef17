// Package importer turns spreadsheets that associations keep into records:
// columns are mapped to fields, every row is checked, and nothing is written
// until the person importing accepts the rows that passed. One engine serves
// every register; a Schema says how the rows of one register are read.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// Field is a field a column can be mapped to.
type Field string

// Skip is the field of a column that is not imported.
const Skip Field = ""

// Mapping gives the field of each column, by column index.
type Mapping map[int]Field

// Schema says how the rows of one register are read and checked.
type Schema[T Record] struct {
	// Kind names the register, for remembered mappings: "beneficiaries".
	Kind string
	// Fields are those a column can be mapped to, in the order the mapping
	// page lists them; Required those a mapping must have.
	Fields, Required []Field
	// Read makes a record of the values of one row; values it cannot read
	// are problems. A missing field has the value "".
	Read func(values map[Field]string) (T, []parasat.FieldError)
	// Validate checks the record with the rules of the domain.
	Validate func(T) error
	// Repeated is the problem of a row that is a person of an earlier row.
	Repeated parasat.FieldError
	// Columns maps the fields of the domain's errors ("consent.given_on") to
	// the field of the column they come from, when the names differ.
	Columns map[string]Field
}

// Record is what an import registers: it knows the keys of its identity.
type Record interface{ IdentityKeys() []string }

// Row is one checked row of the file.
type Row[T any] struct {
	Line     int
	Record   T
	Problems []parasat.FieldError
	// ExistingID is the record already registered for this person: the row
	// is skipped, so importing a file twice creates nothing twice.
	ExistingID int64
}

// Preview is the verdict on every row before anything is written.
type Preview[T any] struct {
	Valid, Rejected, Existing []Row[T]
}

// Match returns, for each record, the id of the one already registered for
// that person, or 0.
type Match[T any] func(ctx context.Context, records []T) ([]int64, error)

// matchBatch is how many records one call of Match looks up.
const matchBatch = 500

// Missing returns the required fields the mapping lacks.
func (s Schema[T]) Missing(m Mapping) []Field {
	have := map[Field]bool{}
	for _, f := range m {
		have[f] = true
	}
	var out []Field
	for _, f := range s.Required {
		if !have[f] {
			out = append(out, f)
		}
	}
	return out
}

// Knows reports whether a column may be mapped to f.
func (s Schema[T]) Knows(f Field) bool {
	for _, k := range s.Fields {
		if k == f {
			return true
		}
	}
	return false
}

// Check reads and checks every row of the table: rejected rows with their
// problems, rows of people already registered (or repeated in the file), and
// valid rows, in the order of the file.
func Check[T Record](ctx context.Context, t *spreadsheet.Table, m Mapping, s Schema[T], match Match[T]) (*Preview[T], error) {
	if missing := s.Missing(m); len(missing) > 0 {
		return nil, errors.New("importer: the mapping lacks required fields")
	}
	p := &Preview[T]{Valid: []Row[T]{}, Rejected: []Row[T]{}, Existing: []Row[T]{}}
	seen := map[string]int{} // identity key → line, to refuse a person twice in one file
	var candidates []Row[T]
	values := make(map[Field]string, len(m))
	for i, cells := range t.Rows {
		clear(values)
		for col, f := range m {
			if col < len(cells) && f != Skip {
				values[f] = cells[col]
			}
		}
		rec, problems := s.Read(values)
		if err := s.Validate(rec); err != nil {
			var e *parasat.Error
			if !errors.As(err, &e) {
				return nil, err
			}
			problems = append(problems, e.Fields...)
		}
		row := Row[T]{Line: t.Lines[i], Record: rec}
		if len(problems) == 0 {
			problems = s.repeated(rec, row.Line, seen)
		}
		if len(problems) > 0 {
			row.Problems = s.toColumns(problems)
			p.Rejected = append(p.Rejected, row)
			continue
		}
		candidates = append(candidates, row)
	}
	for start := 0; start < len(candidates); start += matchBatch {
		batch := candidates[start:min(start+matchBatch, len(candidates))]
		records := make([]T, len(batch))
		for i := range batch {
			records[i] = batch[i].Record
		}
		ids, err := match(ctx, records)
		if err != nil {
			return nil, err
		}
		for i, row := range batch {
			if row.ExistingID = ids[i]; row.ExistingID != 0 {
				p.Existing = append(p.Existing, row)
			} else {
				p.Valid = append(p.Valid, row)
			}
		}
	}
	return p, nil
}

// repeated refuses a row whose person is on an earlier line, and remembers
// the keys of the others.
func (s Schema[T]) repeated(rec T, line int, seen map[string]int) []parasat.FieldError {
	keys := rec.IdentityKeys()
	for _, k := range keys {
		if first, dup := seen[k]; dup {
			e := s.Repeated
			e.Message += " (line " + strconv.Itoa(first) + ")"
			return []parasat.FieldError{e}
		}
	}
	for _, k := range keys {
		seen[k] = line
	}
	return nil
}

func (s Schema[T]) toColumns(problems []parasat.FieldError) []parasat.FieldError {
	for i, f := range problems {
		if c, ok := s.Columns[f.Field]; ok {
			problems[i].Field = string(c)
		}
	}
	return problems
}

// GuessMapping maps the columns whose headers it recognises to the fields
// given: each column to the field with the longest matching header word
// ("телефон родителя" is the parent's phone, not the phone), each field once.
func GuessMapping(header []string, fields []Field) Mapping {
	m := Mapping{}
	used := map[Field]bool{}
	for i, h := range header {
		folded := parasat.FoldForSearch(strings.Join(strings.Fields(h), " "))
		best, bestLen := Skip, 0
		for _, f := range fields {
			if used[f] {
				continue
			}
			for _, w := range headerWords[f] {
				if len(w) > bestLen && (folded == w || strings.HasPrefix(folded, w+" ") || strings.HasPrefix(folded, w+",") ||
					strings.HasPrefix(folded, w+"(")) {
					best, bestLen = f, len(w)
				}
			}
		}
		if best != Skip {
			m[i], used[best] = best, true
		}
	}
	return m
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
