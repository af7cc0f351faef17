package http

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/parasat-kz/parasat"
)

// DocumentPath names one document of one beneficiary.
type DocumentPath struct {
	ID  int64 `path:"id" minimum:"1" doc:"The beneficiary"`
	Doc int64 `path:"doc" minimum:"1" doc:"The document"`
}

// DocumentUpload is the multipart form of a new document.
type DocumentUpload struct {
	File huma.FormFile        `form:"file" required:"true" doc:"A PDF, JPEG or PNG file of at most 10 MB; its type is read from its content"`
	Type parasat.DocumentType `form:"type" required:"true" enum:"disability_certificate,low_income_certificate,large_family_certificate,pension_certificate,veteran_certificate,identity_document,medical_report,other"`
	Note string               `form:"note" required:"false" maxLength:"1000"`
}

type documentListOutput struct {
	Body struct {
		Items []parasat.Document `json:"items"`
	}
}

type createdDocumentOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Document
}

type documentFileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	NoSniff            string `header:"X-Content-Type-Options"`
	Sandbox            string `header:"Content-Security-Policy"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// limitDocumentBody refuses an upload larger than a document may be before
// reading it, with a message that says the limit.
func limitDocumentBody(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, w := humago.Unwrap(ctx)
		if r.ContentLength > maxDocumentBody {
			_ = huma.WriteErr(api, ctx, http.StatusRequestEntityTooLarge, "the file is too large: a document may be at most 10 MB")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxDocumentBody)
		next(ctx)
	}
}

// writableBeneficiaryAPI loads a beneficiary the caller may read and change.
func (s *Server) writableBeneficiaryAPI(ctx context.Context, id int64) (*parasat.Beneficiary, error) {
	b, err := s.loadBeneficiary(ctx, id)
	if err != nil {
		return nil, err
	}
	return b, s.authorize(ctx, parasat.WriteBeneficiary, b.Resource())
}

func (s *Server) registerDocumentRoutes(api huma.API) {
	huma.Register(api, operation("list-documents", http.MethodGet, "/beneficiaries/{id}/documents", parasat.ReadBeneficiary,
		"List a beneficiary's documents, newest first", "Beneficiaries"), s.apiListDocuments)
	upload := operation("add-document", http.MethodPost, "/beneficiaries/{id}/documents", parasat.WriteBeneficiary,
		"Upload a document of a beneficiary (multipart form: file, type, note)", "Beneficiaries")
	upload.Middlewares = huma.Middlewares{limitDocumentBody(api)}
	huma.Register(api, upload, s.apiAddDocument)
	huma.Register(api, operation("get-document", http.MethodGet, "/beneficiaries/{id}/documents/{doc}", parasat.ReadBeneficiary,
		"Download a document (each download is logged as a reading of the record)", "Beneficiaries"), s.apiGetDocument)
	remove := operation("delete-document", http.MethodDelete, "/beneficiaries/{id}/documents/{doc}", parasat.WriteBeneficiary,
		"Delete a document of a beneficiary", "Beneficiaries")
	remove.DefaultStatus = http.StatusNoContent
	huma.Register(api, remove, s.apiDeleteDocument)
}

func (s *Server) apiListDocuments(ctx context.Context, in *BeneficiaryPath) (*documentListOutput, error) {
	b, err := s.loadBeneficiary(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	items, err := s.services.Documents.Documents(ctx, b.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &documentListOutput{}
	out.Body.Items = items
	return out, nil
}

type documentUploadInput struct {
	BeneficiaryPath
	RawBody huma.MultipartFormFiles[DocumentUpload]
}

func (s *Server) apiAddDocument(ctx context.Context, in *documentUploadInput) (*createdDocumentOutput, error) {
	b, err := s.writableBeneficiaryAPI(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	form := in.RawBody.Data()
	data, err := io.ReadAll(io.LimitReader(form.File, parasat.MaxDocumentSize+1))
	if err != nil {
		return nil, huma.Error422UnprocessableEntity("the file could not be read", &huma.ErrorDetail{Location: "form.file"})
	}
	if len(data) > parasat.MaxDocumentSize {
		return nil, huma.NewError(http.StatusRequestEntityTooLarge, "the file is too large: a document may be at most 10 MB",
			&huma.ErrorDetail{Location: "form.file", Message: "at most 10 MB"})
	}
	d := &parasat.Document{BeneficiaryID: b.ID, Type: form.Type, Note: form.Note, Filename: form.File.Filename, Data: data}
	if err := s.services.Documents.AddDocument(ctx, d); err != nil {
		return nil, formError(s.apiError(err))
	}
	return &createdDocumentOutput{Location: APIPrefix + "/beneficiaries/" + strconv.FormatInt(b.ID, 10) + "/documents/" +
		strconv.FormatInt(d.ID, 10), Body: d}, nil
}

func (s *Server) apiGetDocument(ctx context.Context, in *DocumentPath) (*documentFileOutput, error) {
	b, err := s.loadBeneficiary(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	d, err := s.services.Documents.Document(ctx, b.ID, in.Doc)
	if err != nil {
		return nil, s.apiError(err)
	}
	if err := s.services.Beneficiaries.RecordVisit(ctx, b.ID); err != nil {
		return nil, s.apiError(err)
	}
	return &documentFileOutput{ContentType: d.ContentType, NoSniff: "nosniff", CacheControl: "private, no-store",
		Sandbox:            "sandbox; default-src 'none'",
		ContentDisposition: mime.FormatMediaType("attachment", map[string]string{"filename": d.DownloadName()}),
		Body:               d.Data}, nil
}

func (s *Server) apiDeleteDocument(ctx context.Context, in *DocumentPath) (*struct{}, error) {
	b, err := s.writableBeneficiaryAPI(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return nil, s.apiErrorOrNil(s.services.Documents.DeleteDocument(ctx, b.ID, in.Doc))
}

// formError names the fields of a multipart form as huma does, "form.file",
// rather than as those of a JSON body.
func formError(err error) error {
	var m *huma.ErrorModel
	if errors.As(err, &m) {
		for _, d := range m.Errors {
			d.Location = "form." + strings.TrimPrefix(d.Location, "body.")
		}
	}
	return err
}
