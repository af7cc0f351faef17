package sqlstore

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

var samplePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestDocumentsAreKeptAuditedAndErasedWithThePerson(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.5"})
		b := personBorn("Әбілова Аружан", "2012-05-05", parasat.Female, "KZ-71", 11)
		other := personBorn("Омаров Ержан", "1950-01-01", parasat.Male, "KZ-71", 12)
		must(t, db.CreateBeneficiaries(ctx, []*parasat.Beneficiary{b, other}))

		d := &parasat.Document{BeneficiaryID: b.ID, Type: parasat.DocDisability, Note: "II топ, 2027 жылға дейін",
			Filename: "мүгедектік туралы анықтама.pdf", Data: samplePDF}
		must(t, db.AddDocument(ctx, d))
		if d.ID == 0 || d.ContentType != "application/pdf" || d.Size != int64(len(samplePDF)) || !d.Created.Equal(fixedNow) {
			t.Errorf("added %+v", d)
		}
		bad := &parasat.Document{BeneficiaryID: b.ID, Type: parasat.DocLowIncome, Filename: "справка.pdf",
			Data: []byte("<svg onload=alert(1)>")}
		if err := db.AddDocument(ctx, bad); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("an SVG named .pdf: %v", err)
		}
		if err := db.AddDocument(ctx, &parasat.Document{BeneficiaryID: 999999, Type: parasat.DocOther, Data: samplePDF}); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("a document of nobody: %v", err)
		}
		list, err := db.Documents(ctx, b.ID)
		if err != nil || len(list) != 1 || list[0].Filename != d.Filename || list[0].Data != nil || list[0].Note != d.Note {
			t.Fatalf("documents: %+v, %v", list, err)
		}
		got, err := db.Document(ctx, b.ID, d.ID)
		if err != nil || !bytes.Equal(got.Data, samplePDF) || got.SHA256 != d.SHA256 {
			t.Fatalf("document: %+v, %v", got, err)
		}
		if _, err := db.Document(ctx, other.ID, d.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the document read as another person's: %v", err)
		}
		if err := db.DeleteDocument(ctx, other.ID, d.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the document deleted as another person's: %v", err)
		}

		id := strconv.FormatInt(b.ID, 10)
		history := func() string {
			entries, err := db.ListAudit(ctx, parasat.AuditFilter{Entity: "beneficiary", EntityID: id})
			if err != nil {
				t.Fatal(err)
			}
			var s strings.Builder
			for _, e := range entries {
				s.WriteString(string(e.Before) + string(e.After) + "\n")
			}
			return s.String()
		}
		if h := history(); !strings.Contains(h, `"document.filename":"мүгедектік туралы анықтама.pdf"`) ||
			!strings.Contains(h, `"document.type":"disability_certificate"`) || !strings.Contains(h, `"document": null`) &&
			!strings.Contains(h, `"document":null`) {
			t.Errorf("the upload is not in the person's history:\n%s", h)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE CAST(after AS TEXT) LIKE '%анықтама%'"); n != 0 {
			t.Error("the document's name is in the audit table in clear text")
		}

		second := &parasat.Document{BeneficiaryID: b.ID, Type: parasat.DocLowIncome, Filename: "scan.png",
			Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}
		must(t, db.AddDocument(ctx, second))
		must(t, db.DeleteDocument(ctx, b.ID, d.ID))
		if list, _ := db.Documents(ctx, b.ID); len(list) != 1 || list[0].ID != second.ID {
			t.Errorf("after deleting the first: %+v", list)
		}
		if h := history(); strings.Count(h, `"document.filename":"мүгедектік туралы анықтама.pdf"`) != 2 {
			t.Errorf("the deletion is not in the history:\n%s", h)
		}

		must(t, db.AnonymiseBeneficiary(ctx, b.ID))
		if n := rowCount(t, db, "SELECT COUNT(*) FROM beneficiary_documents WHERE beneficiary_id = $1", b.ID); n != 0 {
			t.Errorf("%d documents left after erasure", n)
		}
		if h := history(); strings.Contains(h, "анықтама") || strings.Contains(h, "scan.png") || !strings.Contains(strings.ReplaceAll(h, " ", ""), `"documents_deleted":1`) {
			t.Errorf("the history after erasure:\n%s", h)
		}
		if err := db.AddDocument(ctx, &parasat.Document{BeneficiaryID: b.ID, Type: parasat.DocOther, Data: samplePDF}); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("a document for an erased person: %v", err)
		}
	})
}
