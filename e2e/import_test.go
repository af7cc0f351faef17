package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/browsertest"
)

// iinFor makes a valid IIN for a birth date (YYMMDD) and century-and-sex digit.
func iinFor(yymmdd string, centurySex, serial int) string {
	for s := serial; ; s++ {
		first := fmt.Sprintf("%s%d%04d", yymmdd, centurySex, s%10000)
		if d, ok := parasat.CheckDigit(first); ok {
			return first + strconv.Itoa(d)
		}
	}
}

// TestImportSpreadsheetWithBadRows: an admin imports a file with two bad
// rows, sees why they are refused, accepts the three good ones, finds them
// in the list, and importing the same file again adds nobody.
func TestImportSpreadsheetWithBadRows(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	good := []string{iinFor("780214", 3, 7101), iinFor("810930", 4, 7102), iinFor("090101", 5, 7103)}
	wrongDigit := good[0][:11] + strconv.Itoa((int(good[0][11]-'0')+1)%10)
	rows := []string{
		"ФИО;ИИН;Дата рождения;Пол;Регион",
		"Тұрсынов Мұрат;" + good[0] + ";14.02.1978;м;Астана",
		"Жақыпова Әлия;" + good[1] + ";30.09.1981;ж;Карагандинская область",
		"Тұрсынов Айдар;" + good[2] + ";01.01.2009;м;KZ-71",
		"Қате Цифр;" + wrongDigit + ";14.02.1978;м;Астана",
		"Белгісіз Өңір;" + iinFor("900101", 3, 7104) + ";01.01.1990;м;Атлантида",
	}
	file := writeCSV(t, t.TempDir(), "тізім.csv", rows)
	b := browsertest.New(t)
	b.Visit(s.URL + "/signin?next=/beneficiaries/import")
	switchTo(b, english)
	signIn(t, b, english, s.admin)
	importFile := func() { t.Helper(); s.checkImport(t, b, "/beneficiaries/import", file) }
	importFile()
	b.Contains(t, "3 rows are ready to import.")
	b.Contains(t, "2 rows rejected")
	b.Contains(t, "check digit")     // line 5
	b.Contains(t, "Choose a region") // line 6
	b.Axe(t)
	b.Submit("Import 3 valid rows")
	b.Contains(t, "People imported: 3. Already registered, skipped: 0.")
	b.Visit(s.URL + "/beneficiaries?q=" + good[1])
	b.Contains(t, "Жақыпова Әлия")
	b.Visit(s.URL + "/beneficiaries?q=" + "Тұрсынов")
	b.Contains(t, "Тұрсынов Мұрат")
	b.Contains(t, "Тұрсынов Айдар")

	importFile()
	b.Contains(t, "3 people already registered")
	b.Submit("Nothing to import: finish")
	b.Contains(t, "People imported: 0. Already registered, skipped: 3.")
}

// writeCSV writes rows as a CSV file with Excel's line ends.
func writeCSV(t *testing.T, dir, name string, rows []string) string {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(strings.Join(rows, "\r\n")+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// checkImport uploads file to an import page (in English), keeps the
// mapping it proposes and waits for the verdict on every row.
func (s *site) checkImport(t *testing.T, b *browsertest.Browser, page, file string) {
	t.Helper()
	b.Visit(s.URL + page)
	b.Fill("File", file)
	b.Submit("Upload")
	b.Contains(t, "Match the columns")
	b.Submit("Check the rows")
	b.Contains(t, "Check before importing")
}
