package spreadsheet

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Тізім 2026", nil, nil}, // a title line above the header
		{"ФИО", "ИИН", "Дата рождения"},
		{" Сейітова Айгерім ", "850315400125", "15.03.1985"},
		{nil, nil, nil},
		{"Омаров Ержан", 500101300012, "1950-01-01"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	table, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(table.Header, "|") != "ФИО|ИИН|Дата рождения" {
		t.Errorf("header = %q", table.Header)
	}
	if len(table.Rows) != 2 || table.Rows[0][0] != "Сейітова Айгерім" || table.Rows[1][1] != "500101300012" {
		t.Errorf("rows = %q", table.Rows)
	}
	if table.Lines[0] != 3 || table.Lines[1] != 5 {
		t.Errorf("line numbers = %v; want 3 and 5", table.Lines)
	}
}

func TestReadCSVWithSemicolonsAndBOM(t *testing.T) {
	data := "\xef\xbb\xbfФИО;ИИН;Телефон\r\n\"Ким, Ольга\";900101400015;+7 701 000 00 00\r\n"
	table, err := Read(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if table.Header[0] != "ФИО" || len(table.Rows) != 1 || table.Rows[0][0] != "Ким, Ольга" || table.Rows[0][2] != "+7 701 000 00 00" {
		t.Errorf("table = %+v", table)
	}
}

func TestRefusedFiles(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	cases := map[string]struct {
		data []byte
		want error
	}{
		"an image":             {png, ErrNotSpreadsheet},
		"a broken zip":         {[]byte("PK\x03\x04garbage"), ErrNotSpreadsheet},
		"only one column":      {[]byte("name\nAsel\nBota\n"), ErrNoHeader},
		"empty":                {[]byte(""), ErrNoHeader},
		"over the size limit":  {bytes.Repeat([]byte("a,b\n"), MaxSize/4+1), ErrTooLarge},
		"latin-1 is not UTF-8": {[]byte("name,city\n\xe9t\xe9,Almaty\n"), ErrNotSpreadsheet},
	}
	for name, c := range cases {
		if _, err := Read(bytes.NewReader(c.data)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v; want %v", name, err, c.want)
		}
	}
}
