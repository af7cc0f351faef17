package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func readCSV(t *testing.T, lang parasat.Language, r *parasat.Report, by parasat.Dimension) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := CSV(&buf, loc(t, lang), r, by); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Error("CSV lines must end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func column(t *testing.T, rows [][]string, tag string) int {
	t.Helper()
	for i, h := range rows[1] {
		if h == tag {
			return i
		}
	}
	t.Fatalf("no column tagged %s in %q", tag, rows[1])
	return -1
}

func TestCSVWithHXL(t *testing.T) {
	r := capital2019()
	rows := readCSV(t, parasat.Kazakh, r, parasat.ByRegion)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want header, hashtags and 2 regions", len(rows))
	}
	for _, tag := range []string{"#date+start", "#date+end", "#adm1+code", "#adm1+name", "#activity+events+num",
		"#reached+ind", "#reached+hh", "#value+aid+kzt", "#value+aid+development+kzt", "#value+donations+kzt",
		"#org+funder+num", "#capacity+volunteers+num", "#capacity+volunteers+hours"} {
		column(t, rows, tag)
	}
	for _, h := range rows[1] {
		if !strings.HasPrefix(h, "#") {
			t.Errorf("hashtag row has %q", h)
		}
	}
	if rows[0][column(t, rows, "#adm1+name")] != "Өңір" || rows[0][column(t, rows, "#value+aid+kzt")] != "Көмектің құны" {
		t.Errorf("header = %q", rows[0])
	}
	akmola := rows[3]
	for tag, want := range map[string]string{"#date+start": "2019-01-01", "#date+end": "2019-04-25", "#adm1+code": "KZ-11",
		"#adm1+name": "Ақмола облысы", "#value+aid+kzt": "180000", "#reached+ind": "50", "#activity+events+num": "3"} {
		if got := akmola[column(t, rows, tag)]; got != want {
			t.Errorf("%s = %q, want %q", tag, got, want)
		}
	}
	sum := readCSV(t, parasat.English, r, "")
	if len(sum) != 3 || sum[2][column(t, sum, "#value+donations+kzt")] != "14250000.50" || sum[2][column(t, sum, "#capacity+volunteers+hours")] != "1200.5" {
		t.Errorf("summary = %q", sum)
	}
	months := readCSV(t, parasat.Russian, r, parasat.ByMonth)
	if m := months[5]; m[0] != "2019-04-01" || m[1] != "2019-04-25" {
		t.Errorf("April = %q", m)
	}
	kinds := readCSV(t, parasat.English, r, parasat.ByKind)
	if k := kinds[3]; k[column(t, kinds, "#modality+code")] != "development" || k[column(t, kinds, "#modality+name")] != "Development (“a fishing rod”)" {
		t.Errorf("kind row = %q", k)
	}
	if column(t, kinds, "#reached+ind") < 0 || strings.Contains(strings.Join(kinds[1], " "), "#value+donations") {
		t.Errorf("a breakdown by kind has no donations: %q", kinds[1])
	}
}

func TestCSVLeavesSuppressedEmpty(t *testing.T) {
	r := capital2019()
	r.Breakdowns[2].Rows[1].Figures = figures(3, 3, 180_000)
	r.Suppress()
	rows := readCSV(t, parasat.Russian, r, parasat.ByRegion)
	akmola := rows[3]
	if akmola[column(t, rows, "#reached+ind")] != "" || akmola[column(t, rows, "#value+aid+kzt")] != "" || akmola[column(t, rows, "#activity+events+num")] != "3" {
		t.Errorf("suppressed row = %q", akmola)
	}
}
