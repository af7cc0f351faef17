package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// TestAdminJourney is the secretariat adding an organisation in Kazakh: a
// mistyped BIN is caught at its field, the corrected form creates the
// organisation, and it is found by its name and in the audit log.
func TestAdminJourney(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := browsertest.New(t)
	b.Visit(s.URL + "/signin")
	signIn(t, b, english, s.admin)

	switchTo(b, russian)
	b.Click("Организации") // the menu's link reads so exactly
	if !strings.HasSuffix(b.URL(), "/organisations") {
		t.Fatalf("the menu's «Организации» leads to %s", b.URL())
	}
	switchTo(b, kazakh)

	const (
		nameKK = "Астананың «Вайнах» шешен этномәдени орталығы"
		nameRU = "Чеченский этнокультурный центр «Вайнах» города Астаны"
	)
	b.Click("Ұйымдар")
	b.Click("Ұйымды тіркеу")
	b.Fill("Атауы (қазақша)", nameKK)
	b.Fill("Атауы (орысша)", nameRU)
	b.Select("Түрі", "Этномәдени бірлестік")
	b.Select("Өңір", "Астана қаласы")
	b.Fill("БСН", "190440000011") // the check digit should be 0
	b.Submit()

	// The error is at the BIN field: after its label, before the next one,
	// and the field is marked invalid and described by it.
	b.Contains(t, kazakh.binChecksum)
	text := b.Text()
	label, next := strings.Index(text, "\nБСН\n"), strings.Index(text, "Жоғары тұрған ұйымның нөмірі")
	if at := strings.Index(text, kazakh.binChecksum); label < 0 || at < label || next < at {
		t.Errorf("the BIN error is not between the BIN field's label (at %d) and the next label (at %d) but at %d:\n%s", label, next, at, text)
	}
	b.Click(`.field.invalid > #f-bin[aria-invalid="true"][aria-describedby~="e-bin"] ~ #e-bin`)

	b.Fill("БСН", "190440000010")
	b.Submit()
	id := regexp.MustCompile(`/organisations/(\d+)$`).FindStringSubmatch(b.URL())
	if id == nil {
		t.Fatalf("after saving the organisation the browser is at %s", b.URL())
	}
	for _, want := range []string{nameKK, nameRU, "Этномәдени бірлестік", "Астана қаласы", "190440000010"} {
		b.Contains(t, want)
	}

	b.Click("Ұйымдар")
	b.Fill("Атауы бойынша іздеу", "Вайнах")
	b.Submit("Іздеу")
	b.Contains(t, nameKK)
	b.Click(nameKK)
	if !strings.HasSuffix(b.URL(), "/organisations/"+id[1]) {
		t.Fatalf("the search result leads to %s, not to organisation %s", b.URL(), id[1])
	}

	b.Click("Өзгерістер тарихы")
	if u := b.URL(); !strings.Contains(u, "entity=organisation") || !strings.Contains(u, "entity_id="+id[1]) {
		t.Errorf("the history of changes is at %s", u)
	}
	b.Contains(t, "Құрылды: ұйым "+id[1]) // "Created: organisation N"
	b.Contains(t, s.admin.name)
	b.Contains(t, nameKK) // in the record as created
}
