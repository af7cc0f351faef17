package libreoffice

import (
	"encoding/xml"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Cell is one cell as LibreOffice read it: its type ("float", "date",
// "string", "currency", "percentage", or "" when empty), its value
// (office:value, or office:date-value for dates) and its text as shown.
type Cell struct {
	Type, Value, Text string
}

// Sheets maps each sheet's name to its rows of cells.
type Sheets map[string][][]Cell

// ReadFODS reads a flat OpenDocument spreadsheet written by Convert with
// FODS. Long runs of empty repeated rows or cells (the end of a sheet)
// are dropped.
func ReadFODS(t testing.TB, path string) Sheets {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := Sheets{}
	d := xml.NewDecoder(f)
	var sheet string
	var row []Cell
	var cell *Cell
	var cellRepeat, rowRepeat int
	var inP bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "table":
				sheet = attr(e, "name")
				out[sheet] = nil
			case "table-row":
				row, rowRepeat = nil, repeat(e, "number-rows-repeated")
			case "p":
				if cell != nil && cell.Text != "" {
					cell.Text += "\n"
				}
				inP = true
			case "table-cell", "covered-table-cell":
				cell, cellRepeat = &Cell{Type: attr(e, "value-type"), Value: attr(e, "value")}, repeat(e, "number-columns-repeated")
				if cell.Type == "date" {
					cell.Value = attr(e, "date-value")
				}
			}
		case xml.CharData:
			if cell != nil && inP {
				cell.Text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				inP = false
			case "table-cell", "covered-table-cell":
				if cell.Type != "" || cellRepeat < 100 {
					for range cellRepeat {
						row = append(row, *cell)
					}
				}
				cell = nil
			case "table-row":
				if !empty(row) || rowRepeat < 100 {
					for range rowRepeat {
						out[sheet] = append(out[sheet], row)
					}
				}
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || !strings.Contains(a.Name.Space, "calcext")) {
			return a.Value
		}
	}
	return ""
}

func repeat(e xml.StartElement, name string) int {
	if n, err := strconv.Atoi(attr(e, name)); err == nil && n > 0 {
		return n
	}
	return 1
}

func empty(row []Cell) bool {
	for _, c := range row {
		if c.Type != "" || c.Text != "" {
			return false
		}
	}
	return true
}
