package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// TestImportVolunteersAndKeepADocument: a coordinator imports a list of
// volunteers with a bad row, sees why it is refused, accepts the good rows,
// finds the volunteers, and importing the file again adds nobody; then
// keeps a certificate with a person helped, refused first as a file of
// the wrong kind.
func TestImportVolunteersAndKeepADocument(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	dir := t.TempDir()
	volunteers := writeCSV(t, dir, "еріктілер.csv", []string{
		"Аты-жөні;Туған күні;Облыс;Телефон;Келісім күні;Дағдылар",
		"Мұратова Ақбота;12.04.2001;Астана;+7 701 555 01 01;01.09.2026;Көлік жүргізу",
		"Сәрсенов Ерлан;30.11.1995;Астана;+7 701 555 01 02;01.09.2026;",
		"Келісімі жоқ;01.01.1990;Астана;+7 701 555 01 03;;",
	})
	b := browsertest.New(t)
	b.Visit(s.URL + "/signin?next=/volunteers/import")
	switchTo(b, english)
	signIn(t, b, english, s.coordinator)
	importFile := func() { t.Helper(); s.checkImport(t, b, "/volunteers/import", volunteers) }
	importFile()
	b.Contains(t, "2 rows are ready to import.")
	b.Contains(t, "1 row rejected")
	b.Contains(t, "Date of consent")
	b.Axe(t)
	b.Submit("Import 2 valid rows")
	b.Contains(t, "Volunteers imported: 2. Already registered, skipped: 0.")
	b.Visit(s.URL + "/volunteers?q=Мұратова")
	b.Contains(t, "Мұратова Ақбота")
	importFile()
	b.Contains(t, "2 people already registered")
	b.Submit("Nothing to import: finish")
	b.Contains(t, "Volunteers imported: 0. Already registered, skipped: 2.")

	notPDF := filepath.Join(dir, "справка.pdf")
	if err := os.WriteFile(notPDF, []byte("<html>not a certificate</html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(dir, "справка.png")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Visit(s.URL + "/beneficiaries/1")
	b.Contains(t, "Documents")
	b.Select("Type of document", "Disability certificate")
	b.Fill("File", notPDF)
	b.Submit("Upload the document")
	b.Contains(t, "Only PDF, JPEG and PNG files are accepted")
	b.Select("Type of document", "Disability certificate")
	b.Fill("File", png)
	b.Fill("Note", "second group, until 2027")
	b.Submit("Upload the document")
	b.Contains(t, "The document “справка.png” has been added.")
	b.Contains(t, "second group, until 2027")
	b.Axe(t)
}
