package pdf_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/pdftest"
	"github.com/parasat-kz/parasat/pdf"
)

func TestKazakhAndRussianTextAndTheTengeSignSurviveAsText(t *testing.T) {
	doc := pdf.New(pdf.Header{Organisation: "«Парасат» меценаттар клубы", Details: "БСН 190440000010 · Астана қ., Достық үйі",
		PageLabel: "Бет"}, time.Date(2019, 4, 25, 10, 0, 0, 0, time.UTC))
	doc.Title("Қайырымдылық көмекті қабылдау туралы түбіртек № 2019-000042")
	doc.Facts([][2]string{{"Демеуші", "Әсел Нұрланқызы Қасымова"}, {"Сома", "1 500 000 ₸"}})
	doc.Table([]string{"Күні", "Мақсаты", "Сомасы"}, [][]string{
		{"25 сәуір 2019", strings.Repeat("Ұлттық қор: ғимаратты жөндеу ", 3), "2 300 000 ₸"},
		{"1 мамыр 2019", "Готовы к школе — Щедрость, объём, подъём", "14 000 000,50 ₸"},
	}, []float64{0.25, 0.5, 0.25}, []bool{false, false, true})
	doc.Stamp("Жойылды")
	b, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b[:min(20, len(b))])
	}
	text := pdftest.Squeeze(pdftest.Text(t, b))
	for _, want := range []string{"«Парасат» меценаттар клубы", "түбіртек № 2019-000042", "Әсел Нұрланқызы Қасымова", "1 500 000 ₸",
		"Ұлттық қор", "Щедрость, объём, подъём", "14 000 000,50 ₸", "ЖОЙЫЛДЫ", "Бет 1 / 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

// The same content makes the same bytes: documents are compared, cached
// and signed by their hash, so no map order or clock may leak into them.
func TestSameContentSameBytes(t *testing.T) {
	write := func() []byte {
		doc := pdf.New(pdf.Header{Organisation: "Достық үйі", Details: "БСН 190440000010", PageLabel: "Бет"},
			time.Date(2019, 4, 25, 0, 0, 0, 0, time.UTC))
		doc.Title("Есеп")
		doc.Paragraph("Қайырымдылық жұмысы — 2 300 000 ₸")
		b, err := doc.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := write()
	for range 5 {
		if !bytes.Equal(first, write()) {
			t.Fatal("the same document written twice differs")
		}
	}
}
