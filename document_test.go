package parasat

import (
	"strings"
	"testing"
)

func TestDocumentTypeIsSniffedFromTheContent(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		want string
	}{
		{"справка.pdf", "%PDF-1.7\n...", "application/pdf"},
		{"scan.png", "\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"}, // a JPEG named .png
		{"photo", "\x89PNG\r\n\x1a\n\x00\x00", "image/png"},
		{"certificate.pdf", "<html><script>alert(1)</script>", ""}, // HTML named .pdf
		{"a.pdf", "%PDX", ""},
	} {
		d := Document{Type: DocDisability, Filename: c.name, Data: []byte(c.data)}
		d.Normalize()
		err := d.Validate()
		if d.ContentType != c.want {
			t.Errorf("%s: type %q; want %q", c.name, d.ContentType, c.want)
		}
		if (c.want == "") != (ErrorCode(err) == EInvalid) {
			t.Errorf("%s: Validate() = %v", c.name, err)
		}
	}
}

func TestDocumentRules(t *testing.T) {
	d := Document{Type: "passport_scan", Filename: `C:\Users\Айгерім\Desktop\` + "анықтама\x00.pdf",
		Note: strings.Repeat("ә", 1001), Data: []byte{}}
	d.Normalize()
	if d.Filename != "анықтама.pdf" {
		t.Errorf("file name kept as %q", d.Filename)
	}
	e, _ := d.Validate().(*Error)
	if e == nil || len(e.Fields) != 3 || e.Fields[0].Code != "document.type" || e.Fields[1].Code != "document.empty" ||
		e.Fields[2].Code != "too_long_1000" {
		t.Errorf("problems: %+v", e)
	}
	big := Document{Type: DocOther, Data: append([]byte("%PDF-"), make([]byte, MaxDocumentSize)...)}
	big.Normalize()
	if e, _ := big.Validate().(*Error); e == nil || e.Fields[0].Code != "document.too_large" {
		t.Errorf("an 10 MB + 5 B document: %v", big.Validate())
	}
	ok := Document{ID: 7, Type: DocLowIncome, Data: []byte("\xff\xd8\xff")}
	ok.Normalize()
	if err := ok.Validate(); err != nil || ok.DownloadName() != "low_income_certificate-7.jpg" || ok.Size != 3 || len(ok.SHA256) != 64 {
		t.Errorf("a JPEG: %v, %q, %d, %q", err, ok.DownloadName(), ok.Size, ok.SHA256)
	}
	ok.Filename = "Скан.JPEG"
	if ok.DownloadName() != "Скан.JPEG" {
		t.Errorf("download name %q", ok.DownloadName())
	}
}
