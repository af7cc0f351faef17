package http

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// The documents of a beneficiary on their page: listed and downloadable by
// whoever may read the record, uploaded and deleted by whoever may change it.

// documentsView is the documents section of a beneficiary's page.
type documentsView struct {
	Items   []parasat.Document
	Types   []parasat.DocumentType
	CanEdit bool
	MaxMB   int
	// The upload form as sent, and what was wrong with it (translated).
	Type, Note, Error string
}

func (s *Server) fillDocuments(ctx context.Context, v *documentsView, b *parasat.Beneficiary, canEdit bool) error {
	if b.Anonymised != nil {
		v.Items = nil
		return nil
	}
	items, err := s.services.Documents.Documents(ctx, b.ID)
	if err != nil {
		return err
	}
	v.Items, v.Types, v.CanEdit, v.MaxMB = items, parasat.DocumentTypes, canEdit, parasat.MaxDocumentSize>>20
	return nil
}

// maxDocumentBody bounds the upload request: the file and the form around it.
const maxDocumentBody = parasat.MaxDocumentSize + 1<<20

// writableBeneficiary loads the beneficiary of the path for a change: "not
// found" to those who may not read them, "forbidden" to those who may read
// but not change.
func (s *Server) writableBeneficiary(w http.ResponseWriter, r *http.Request) *parasat.Beneficiary {
	b := s.pageBeneficiary(w, r)
	if b == nil {
		return nil
	}
	if !parasat.Can(currentUser(r.Context()), parasat.WriteBeneficiary, b.Resource()) {
		s.forbidden(w, r)
		return nil
	}
	return b
}

func (s *Server) handleUploadDocument(w http.ResponseWriter, r *http.Request) {
	b := s.writableBeneficiary(w, r)
	if b == nil {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxDocumentBody)
	parseErr := r.ParseMultipartForm(1 << 20)
	l := s.catalog.For(s.language(r))
	form := documentsView{Type: r.FormValue("type"), Note: r.FormValue("note")}
	refuse := func(status int, msg string) {
		form.Error = msg
		s.showBeneficiary(w, r, b, status, form)
	}
	var big *http.MaxBytesError
	if errors.As(parseErr, &big) {
		refuse(http.StatusRequestEntityTooLarge, l.T("field.document.too_large"))
		return
	}
	if parseErr == nil {
		defer func() { _ = r.MultipartForm.RemoveAll() }()
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		refuse(http.StatusUnprocessableEntity, l.T("document.no_file"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, parasat.MaxDocumentSize+1))
	if err != nil {
		refuse(http.StatusUnprocessableEntity, l.T("document.no_file"))
		return
	}
	d := &parasat.Document{BeneficiaryID: b.ID, Type: parasat.DocumentType(form.Type), Note: form.Note,
		Filename: header.Filename, Data: data}
	if err := s.services.Documents.AddDocument(r.Context(), d); err != nil {
		if msg := firstFieldError(l, err); msg != "" {
			status := http.StatusUnprocessableEntity
			if d.Size > parasat.MaxDocumentSize {
				status = http.StatusRequestEntityTooLarge
			}
			refuse(status, msg)
			return
		}
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.document_added", "Name", d.Filename)
	http.Redirect(w, r, beneficiaryPath(b.ID)+"#documents", http.StatusSeeOther)
}

func beneficiaryPath(id int64) string { return "/beneficiaries/" + strconv.FormatInt(id, 10) }

// pathDocument loads the document of the path, of a beneficiary the caller
// has been let see, with its content when asked.
func (s *Server) pathDocument(w http.ResponseWriter, r *http.Request, b *parasat.Beneficiary) *parasat.Document {
	id, ok := pathID(r, "doc")
	if !ok {
		s.notFound(w, r)
		return nil
	}
	d, err := s.services.Documents.Document(r.Context(), b.ID, id)
	if err != nil {
		s.pageError(w, r, err)
		return nil
	}
	return d
}

func (s *Server) handleDownloadDocument(w http.ResponseWriter, r *http.Request) {
	b := s.pageBeneficiary(w, r)
	if b == nil {
		return
	}
	d := s.pathDocument(w, r, b)
	if d == nil {
		return
	}
	if err := s.services.Beneficiaries.RecordVisit(r.Context(), b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	serveDocument(w, d)
}

// serveDocument sends a document as a download of its real type, never to
// be interpreted by the browser as anything else, nor kept in caches.
func serveDocument(w http.ResponseWriter, d *parasat.Document) {
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(d.Data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.DownloadName()}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(d.Data)
}

func (s *Server) handleDeleteDocument(w http.ResponseWriter, r *http.Request) {
	b := s.writableBeneficiary(w, r)
	if b == nil {
		return
	}
	d := s.pathDocument(w, r, b)
	if d == nil {
		return
	}
	if !s.confirmed(w, r, beneficiaryPath(b.ID)+"#documents", "confirm.delete_document", "Name", d.DownloadName()) {
		return
	}
	if err := s.services.Documents.DeleteDocument(r.Context(), b.ID, d.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.document_deleted", "Name", d.DownloadName())
	http.Redirect(w, r, beneficiaryPath(b.ID)+"#documents", http.StatusSeeOther)
}

func (s *Server) registerDocumentPages(mux *http.ServeMux) {
	s.handlePage(mux, "POST /beneficiaries/{id}/documents", parasat.WriteBeneficiary, s.handleUploadDocument)
	s.handlePage(mux, "GET /beneficiaries/{id}/documents/{doc}/download", parasat.ReadBeneficiary, s.handleDownloadDocument)
	s.handlePage(mux, "POST /beneficiaries/{id}/documents/{doc}/delete", parasat.WriteBeneficiary, s.handleDeleteDocument)
}
