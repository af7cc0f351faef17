package demo

import (
	"bytes"
	"context"
	"fmt"

	"github.com/parasat-kz/parasat"
)

// addDemoDocument gives the first family of the demo the certificate of its
// category, when the store keeps documents.
func addDemoDocument(ctx context.Context, people PeopleStore, head *parasat.Beneficiary) error {
	docs, ok := people.(parasat.DocumentService)
	if !ok {
		return nil
	}
	kind := parasat.DocLowIncome
	if len(head.Categories) > 0 && head.Categories[0].Category == parasat.CategoryLargeFamily {
		kind = parasat.DocLargeFamily
	}
	d := &parasat.Document{BeneficiaryID: head.ID, Type: kind, Filename: "анықтама.pdf",
		Note: "Демонстрациялық құжат", Data: onePagePDF("Demonstration certificate - Parasat")}
	if err := docs.AddDocument(ctx, d); err != nil {
		return fmt.Errorf("demo document: %w", err)
	}
	return nil
}

// onePagePDF makes a valid one-page PDF showing a line of ASCII text.
func onePagePDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 18 Tf 72 720 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
