package http

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

var testPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// postFile sends a multipart form with one file, declared with contentType,
// to the API.
func (e *env) postFile(path, authorization, filename, contentType string, data []byte, fields map[string]string) *response {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+filename+`"`)
	h.Set("Content-Type", contentType)
	fw, err := mw.CreatePart(h)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, &body)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{status: resp.StatusCode, header: resp.Header, body: b}
}

// otherManager is a manager of the fixture's other organisation, with a token.
func otherManager(t *testing.T, e *env, f *roleFixture) string {
	t.Helper()
	u := &parasat.User{Email: "other-manager@example.kz", Name: "Other manager",
		Grants: []parasat.Grant{{Role: parasat.RoleManager, OrganisationID: &f.other.ID}}}
	if err := e.db.CreateUser(context.Background(), u, ""); err != nil {
		t.Fatal(err)
	}
	secret, err := e.db.CreateToken(context.Background(), &parasat.APIToken{UserID: u.ID, Name: "documents"})
	if err != nil {
		t.Fatal(err)
	}
	return "Bearer " + secret
}

func TestDocumentsThroughTheAPIAreTheirReadersOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		created := e.do(http.MethodPost, "/api/v1/beneficiaries", as(manager),
			beneficiaryBody("Сейітова Айгерім", validIIN("850315", 4, 1), "1985-03-15", "female", "KZ-71", f.org.ID))
		expect(t, created, http.StatusCreated)
		b := decode[parasat.Beneficiary](t, created)
		base := "/api/v1/beneficiaries/" + strconv.FormatInt(b.ID, 10) + "/documents"

		// The browser's word and the name do not count: an HTML file sent as a PDF is refused.
		html := e.postFile(base, as(manager), "справка.pdf", "application/pdf", []byte("<html><script>alert(1)</script>"),
			map[string]string{"type": "low_income_certificate"})
		expectProblem(t, html, http.StatusUnprocessableEntity, "form.file")
		expectProblem(t, e.postFile(base, as(manager), "a.pdf", "application/pdf", testPDF, map[string]string{"type": "passport"}),
			http.StatusUnprocessableEntity, "form.type")
		big := append(append([]byte{}, testPDF...), make([]byte, parasat.MaxDocumentSize)...)
		if r := e.postFile(base, as(manager), "big.pdf", "application/pdf", big, map[string]string{"type": "other"}); r.status != http.StatusRequestEntityTooLarge ||
			!strings.Contains(string(r.body), "10 MB") {
			t.Errorf("an 10 MB + document: %s", r)
		}
		up := e.postFile(base, as(manager), "мүгедектік.pdf", "application/octet-stream", testPDF,
			map[string]string{"type": "disability_certificate", "note": "II топ"})
		expect(t, up, http.StatusCreated)
		d := decode[parasat.Document](t, up)
		if d.ContentType != "application/pdf" || d.Filename != "мүгедектік.pdf" || d.UploadedBy != f.users[manager].ID ||
			up.header.Get("Location") != base+"/"+strconv.FormatInt(d.ID, 10) {
			t.Errorf("uploaded %+v at %q", d, up.header.Get("Location"))
		}
		doc := base + "/" + strconv.FormatInt(d.ID, 10)
		other := otherManager(t, e, f)
		// Whoever may read the person reads the document; the others get
		// what they get for the person's record: 404, 403 or 401.
		for _, c := range []struct {
			who  string
			auth string
			want int
		}{
			{"admin", as(admin), 200}, {"coordinator of KZ-71", as(coordinator), 200}, {"manager", as(manager), 200},
			{"manager of another organisation", other, 404}, {"volunteer", as(volunteer), 403}, {"patron", as(patron), 403},
			{"anonymous", "", 401},
		} {
			list := e.do(http.MethodGet, base, c.auth, nil)
			file := e.do(http.MethodGet, doc, c.auth, nil)
			record := e.do(http.MethodGet, "/api/v1/beneficiaries/"+strconv.FormatInt(b.ID, 10), c.auth, nil)
			if list.status != c.want || file.status != c.want || record.status != c.want {
				t.Errorf("%s: list %d, file %d, record %d; want %d", c.who, list.status, file.status, record.status, c.want)
			}
			if c.want == 200 && (!bytes.Equal(file.body, testPDF) || file.header.Get("Content-Type") != "application/pdf" ||
				file.header.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(file.header.Get("Content-Disposition"), "attachment;")) {
				t.Errorf("%s downloads %d bytes, headers %v", c.who, len(file.body), file.header)
			}
			if c.want != 200 {
				if r := e.postFile(base, c.auth, "x.pdf", "application/pdf", testPDF, map[string]string{"type": "other"}); r.status != c.want {
					t.Errorf("%s uploading: %d; want %d", c.who, r.status, c.want)
				}
				expect(t, e.do(http.MethodDelete, doc, c.auth, nil), c.want)
			}
		}

		export := e.do(http.MethodGet, "/api/v1/beneficiaries/"+strconv.FormatInt(b.ID, 10)+"/export", as(coordinator), nil)
		expect(t, export, http.StatusOK)
		var body struct {
			Documents []struct {
				Filename string
				Content  []byte
			}
		}
		if err := json.Unmarshal(export.body, &body); err != nil || len(body.Documents) != 1 ||
			!bytes.Equal(body.Documents[0].Content, testPDF) || body.Documents[0].Filename != "мүгедектік.pdf" {
			t.Errorf("the export's documents: %+v, %v", body.Documents, err)
		}
		expect(t, e.do(http.MethodDelete, doc, as(coordinator), nil), http.StatusNoContent)
		expect(t, e.do(http.MethodGet, doc, as(admin), nil), http.StatusNotFound)
		if list := decode[struct{ Items []parasat.Document }](t, e.do(http.MethodGet, base, as(admin), nil)); len(list.Items) != 0 {
			t.Errorf("after the deletion: %+v", list.Items)
		}
	})
}

func TestDocumentsOnTheBeneficiaryPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		f := newRoleFixture(t, e)
		if err := e.db.SetPasswordHash(ctx, f.users[manager].ID, mustHash(t, "manager pass 12")); err != nil {
			t.Fatal(err)
		}
		person := &parasat.Beneficiary{FullName: "Әбілова Аружан", IIN: validIIN("120505", 6, 1), Sex: parasat.Female,
			BirthDate: parasat.Date{Time: mustDayHTTP("2012-05-05")}, Region: "KZ-71", Organisations: []int64{f.org.ID}}
		if err := e.db.CreateBeneficiary(ctx, person); err != nil {
			t.Fatal(err)
		}
		page := "/beneficiaries/" + strconv.FormatInt(person.ID, 10)
		b := e.browser(t, "ru")
		b.signIn("manager@example.kz", "manager pass 12")
		_, view := b.get(page)
		containsAll(t, "the record's page", view, "Документов пока нет.", `<label for="f-doc-file">`, "Справка об инвалидности")

		code, view, _ := b.upload(page+"/documents", "photo.jpg", []byte("GIF89a\x01\x00\x01\x00"), url.Values{"type": {"disability_certificate"}, "note": {"вторая группа"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(view, "Принимаются только файлы PDF, JPEG и PNG") ||
			!strings.Contains(view, `value="вторая группа"`) {
			t.Errorf("a GIF named .jpg: %d", code)
		}
		code, view, _ = b.upload(page+"/documents", "big.pdf", append(append([]byte{}, testPDF...), make([]byte, parasat.MaxDocumentSize)...),
			url.Values{"type": {"other"}})
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(view, "не больше 10 МБ") {
			t.Errorf("a document over 10 MB: %d", code)
		}
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
		code, _, loc := b.upload(page+"/documents", "справка.png", png, url.Values{"type": {"low_income_certificate"}, "note": {"до июня"}})
		if code != http.StatusSeeOther || loc != page+"#documents" {
			t.Fatalf("upload: %d → %q", code, loc)
		}
		_, view = b.get(page)
		containsAll(t, "the page after the upload", view, "Документ «справка.png» добавлен.", "Справка о малообеспеченности", "до июня")
		docs, _ := e.db.Documents(ctx, person.ID)
		if len(docs) != 1 {
			t.Fatalf("documents: %+v", docs)
		}
		download := page + "/documents/" + strconv.FormatInt(docs[0].ID, 10) + "/download"
		code, body, h := b.send(http.MethodGet, download, nil)
		if code != http.StatusOK || body != string(png) || h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "private, no-store" {
			t.Errorf("download: %d, %q, %v", code, body, h)
		}

		// The manager of another organisation is told the record does not exist.
		stranger := otherManager(t, e, f)
		for _, path := range []string{page, download} {
			if r := e.doForm(http.MethodGet, path, stranger, nil); r.status != http.StatusNotFound {
				t.Errorf("the other organisation's manager opens %s: %d; want 404", path, r.status)
			}
		}
		if r := e.doForm(http.MethodPost, download[:len(download)-len("download")]+"delete", stranger, "confirm=yes"); r.status != http.StatusNotFound {
			t.Errorf("the other organisation's manager deletes: %d; want 404", r.status)
		}

		del := page + "/documents/" + strconv.FormatInt(docs[0].ID, 10) + "/delete"
		code, view, _ = b.post(del, url.Values{})
		if code != http.StatusOK || !strings.Contains(view, "справка.png") {
			t.Fatalf("delete without confirmation: %d", code)
		}
		code, _, _ = b.post(del, url.Values{"confirm": {"yes"}})
		if docs, _ := e.db.Documents(ctx, person.ID); code != http.StatusSeeOther || len(docs) != 0 {
			t.Errorf("delete: %d, %d documents left", code, len(docs))
		}
	})
}
