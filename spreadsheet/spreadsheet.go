// Package spreadsheet reads the tables people keep in Excel and in CSV files,
// for imports: the first non-empty row is the header, the rest are rows.
package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxSize is the largest file accepted: 20 MB holds several hundred
// thousand rows of a register.
const MaxSize = 20 << 20

// MaxRows bounds a table so a hostile file cannot exhaust memory.
const MaxRows = 200_000

// Problem codes of a file refused whole.
var (
	ErrTooLarge       = errors.New("too_large")
	ErrNotSpreadsheet = errors.New("not_spreadsheet")
	ErrNoHeader       = errors.New("no_header")
	ErrTooManyRows    = errors.New("too_many_rows")
)

// Table is a header and the rows under it, cells as text, trimmed.
type Table struct {
	Header []string
	Rows   [][]string
	// Lines maps each row to its line number in the file, for messages.
	Lines []int
}

// Read reads an XLSX workbook (its first sheet) or a CSV file, deciding by
// the content, not the name: XLSX is a zip archive, CSV is UTF-8 text.
func Read(r io.Reader) (*Table, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, ErrTooLarge
	}
	var rows [][]string
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		rows, err = readXLSX(data)
	case utf8.Valid(data) && !bytes.ContainsRune(data, 0):
		rows, err = readCSV(data)
	default:
		return nil, ErrNotSpreadsheet
	}
	if err != nil {
		return nil, err
	}
	return tableOf(rows)
}

func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotSpreadsheet
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrNoHeader
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, ErrNotSpreadsheet
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		if len(rows) > MaxRows {
			return nil, ErrTooManyRows
		}
		cols, err := it.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotSpreadsheet, err)
		}
		rows = append(rows, cols)
	}
	return rows, it.Error()
}

// readCSV accepts a comma, a semicolon (Excel's choice where the decimal
// separator is a comma, as in Kazakhstan) or a tab, whichever the first line uses most.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 byte order mark
	first, _, _ := bytes.Cut(data, []byte("\n"))
	comma, best := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > best {
			comma, best = c, n
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = comma, -1, true
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotSpreadsheet, err)
		}
		if len(rows) > MaxRows {
			return nil, ErrTooManyRows
		}
		rows = append(rows, rec)
	}
}

// tableOf takes the first row with at least two non-empty cells as the
// header and drops empty rows after it.
func tableOf(rows [][]string) (*Table, error) {
	t := &Table{}
	for i, row := range rows {
		cells := trim(row)
		if t.Header == nil {
			if filled(cells) >= 2 {
				t.Header = cells
			}
			continue
		}
		if filled(cells) == 0 {
			continue
		}
		for len(cells) < len(t.Header) {
			cells = append(cells, "")
		}
		t.Rows = append(t.Rows, cells)
		t.Lines = append(t.Lines, i+1)
	}
	if t.Header == nil {
		return nil, ErrNoHeader
	}
	return t, nil
}

func trim(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func filled(row []string) int {
	n := 0
	for _, c := range row {
		if c != "" {
			n++
		}
	}
	return n
}
