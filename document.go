package parasat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is a file kept with a beneficiary's record: a certificate of
// disability, of low income, of a large family. Only those who may read the
// beneficiary see it; erasing the person deletes it.
type Document struct {
	ID            int64        `json:"id"`
	BeneficiaryID int64        `json:"beneficiary_id"`
	Type          DocumentType `json:"type" enum:"disability_certificate,low_income_certificate,large_family_certificate,pension_certificate,veteran_certificate,identity_document,medical_report,other"`
	Note          string       `json:"note,omitempty" maxLength:"1000"`
	// Filename is the name the file was uploaded with, without any folders.
	Filename string `json:"filename"`
	// ContentType is what the content is, by its first bytes, whatever the
	// name or the uploader said.
	ContentType string    `json:"content_type" enum:"application/pdf,image/jpeg,image/png"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256" doc:"Hex SHA-256 of the content"`
	UploadedBy  int64     `json:"uploaded_by,omitempty"`
	Created     time.Time `json:"created_at"`
	// Data is the content; lists leave it empty.
	Data []byte `json:"-"`
}

// DocumentType is what a document proves.
type DocumentType string

const (
	DocDisability  DocumentType = "disability_certificate"
	DocLowIncome   DocumentType = "low_income_certificate"
	DocLargeFamily DocumentType = "large_family_certificate"
	DocPension     DocumentType = "pension_certificate"
	DocVeteran     DocumentType = "veteran_certificate"
	DocIdentity    DocumentType = "identity_document"
	DocMedical     DocumentType = "medical_report"
	DocOther       DocumentType = "other"
)

// DocumentTypes lists the types in the order forms show them.
var DocumentTypes = []DocumentType{DocDisability, DocLowIncome, DocLargeFamily, DocPension, DocVeteran, DocIdentity,
	DocMedical, DocOther}

// Valid reports whether t is one of DocumentTypes.
func (t DocumentType) Valid() bool { return slices.Contains(DocumentTypes, t) }

// MaxDocumentSize is the largest document accepted: a scan of a few pages.
const MaxDocumentSize = 10 << 20

const (
	maxDocumentNote     = 1000
	maxDocumentFilename = 255
)

// SniffDocument tells the type of a document by its first bytes: PDF, JPEG
// or PNG; "" for anything else.
func SniffDocument(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return ""
}

// Normalize keeps only the base of the file name, without control
// characters, trims the note, and fills the type, size and hash from the
// content.
func (d *Document) Normalize() {
	name := strings.ReplaceAll(d.Filename, `\`, "/")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, path.Base(name))
	if name == "." || name == "/" {
		name = ""
	}
	d.Filename = strings.TrimSpace(name)
	d.Note = strings.TrimSpace(d.Note)
	d.ContentType = SniffDocument(d.Data)
	d.Size = int64(len(d.Data))
	sum := sha256.Sum256(d.Data)
	d.SHA256 = hex.EncodeToString(sum[:])
}

// Validate checks a document after Normalize.
func (d *Document) Validate() error {
	var p Problems
	if !d.Type.Valid() {
		p.Add("type", "document.type", "must be one of the document types")
	}
	switch {
	case d.Size == 0:
		p.Add("file", "document.empty", "the file is empty")
	case d.Size > MaxDocumentSize:
		p.Add("file", "document.too_large", "a document may be at most 10 MB")
	case d.ContentType == "":
		p.Add("file", "document.kind", "must be a PDF, JPEG or PNG file")
	}
	if utf8.RuneCountInString(d.Note) > maxDocumentNote {
		p.Add("note", "too_long_1000", "must be at most 1000 characters")
	}
	if utf8.RuneCountInString(d.Filename) > maxDocumentFilename {
		p.Add("file", "document.filename", "the file name must be at most 255 characters")
	}
	return p.Err()
}

// DownloadName is the name to save the document as: the uploaded name, or
// one made of the type and id, with the extension of the real type.
func (d *Document) DownloadName() string {
	ext := map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[d.ContentType]
	name := d.Filename
	if name == "" {
		name = string(d.Type) + "-" + strconv.FormatInt(d.ID, 10)
	}
	if !strings.EqualFold(path.Ext(name), ext) && !(ext == ".jpg" && strings.EqualFold(path.Ext(name), ".jpeg")) {
		name += ext
	}
	return name
}

// DocumentService keeps the documents of beneficiaries.
type DocumentService interface {
	// AddDocument stores a document of a beneficiary, recording who
	// uploaded it; an anonymised beneficiary takes none.
	AddDocument(ctx context.Context, d *Document) error
	// Documents lists a beneficiary's documents, newest first, without content.
	Documents(ctx context.Context, beneficiaryID int64) ([]Document, error)
	// Document returns one document of a beneficiary with its content.
	Document(ctx context.Context, beneficiaryID, id int64) (*Document, error)
	// DeleteDocument deletes one document of a beneficiary.
	DeleteDocument(ctx context.Context, beneficiaryID, id int64) error
}

// SizeKB is the size in kilobytes, rounded up, for people to read.
func (d *Document) SizeKB() int64 { return (d.Size + 1023) / 1024 }
