package http

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/importer"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// The import of beneficiaries from a spreadsheet, in four steps that work
// without JavaScript: upload the file, map its columns to fields, see every
// row checked, accept the valid rows. Nothing is written to the register
// until the last step, and then in one transaction.

const (
	importKind = "beneficiaries"
	// maxImportBody bounds the whole multipart request: the file plus the
	// form around it.
	maxImportBody = spreadsheet.MaxSize + 1<<20
	importSamples = 3
)

type importUploadForm struct {
	Organisations []parasat.Organisation // those the caller may choose, nil when they may not choose
	Organisation  int64
	Error         string
}

// importChoosesOrganisation tells whether the caller picks the organisation
// serving the people imported; a manager's people are served by their own.
func importChoosesOrganisation(u *parasat.User) bool {
	return u.IsAdmin() || len(u.CoordinatedRegions()) > 0
}

// importOrganisations lists the organisations the caller may register people for.
func (s *Server) importOrganisations(r *http.Request, lang parasat.Language) ([]parasat.Organisation, error) {
	u := currentUser(r.Context())
	if !importChoosesOrganisation(u) {
		return nil, nil
	}
	all, err := s.services.Organisations.ListOrganisations(r.Context(), parasat.OrganisationFilter{SortByName: lang, Limit: 500})
	if err != nil {
		return nil, err
	}
	out := []parasat.Organisation{}
	for _, o := range all {
		if parasat.Can(u, parasat.WriteBeneficiary, parasat.Resource{Region: o.Region, Organisations: []int64{o.ID}}) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *Server) importUploadPage(w http.ResponseWriter, r *http.Request, status int, form importUploadForm) {
	p := s.newPage(w, r, "import.title", nil)
	orgs, err := s.importOrganisations(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Organisations = orgs
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "import_upload", p)
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	s.importUploadPage(w, r, http.StatusOK, importUploadForm{})
}

// handleImportUpload checks the file whole and keeps it for the next steps.
// A refused file is not stored.
func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	u := currentUser(r.Context())
	refuse := func(status int, msg string) {
		s.importUploadPage(w, r, status, importUploadForm{Error: msg})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	tooLarge := l.T("import.too_large", "Max", strconv.Itoa(spreadsheet.MaxSize>>20))
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			refuse(http.StatusRequestEntityTooLarge, tooLarge)
			return
		}
		refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
		return
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	file, header, err := r.FormFile("file")
	if err != nil {
		refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, spreadsheet.MaxSize+1))
	if err != nil {
		refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
		return
	}
	if _, err := spreadsheet.Read(bytes.NewReader(data)); err != nil {
		switch {
		case errors.Is(err, spreadsheet.ErrTooLarge):
			refuse(http.StatusRequestEntityTooLarge, tooLarge)
		case errors.Is(err, spreadsheet.ErrNotSpreadsheet):
			refuse(http.StatusUnprocessableEntity, l.T("import.not_spreadsheet"))
		case errors.Is(err, spreadsheet.ErrNoHeader):
			refuse(http.StatusUnprocessableEntity, l.T("import.no_header"))
		case errors.Is(err, spreadsheet.ErrTooManyRows):
			refuse(http.StatusUnprocessableEntity, l.T("import.too_many_rows", "Max", l.Number(spreadsheet.MaxRows)))
		default:
			refuse(http.StatusUnprocessableEntity, l.T("import.unreadable"))
		}
		return
	}
	up := &parasat.Upload{UserID: u.ID, Kind: importKind, Filename: header.Filename, Data: data}
	if orgs := u.ManagedOrganisations(); !importChoosesOrganisation(u) && len(orgs) > 0 {
		up.OrganisationID = &orgs[0]
	} else if v := r.FormValue("organisation"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		orgs, err := s.importOrganisations(r, s.language(r))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, o := range orgs {
			if o.ID == id {
				up.OrganisationID = &id
			}
		}
		if up.OrganisationID == nil {
			s.importUploadPage(w, r, http.StatusUnprocessableEntity, importUploadForm{Error: l.T("field.organisation.unknown")})
			return
		}
	}
	if err := s.services.Imports.SaveUpload(r.Context(), up); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, importPath(up.ID, "mapping"), http.StatusSeeOther)
}

func importPath(id int64, step string) string {
	return "/beneficiaries/import/" + strconv.FormatInt(id, 10) + "/" + step
}

// loadImport finds the caller's upload of the path and reads its table, or
// answers "not found".
func (s *Server) loadImport(w http.ResponseWriter, r *http.Request) (*parasat.Upload, *spreadsheet.Table) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, nil
	}
	up, err := s.services.Imports.Upload(r.Context(), id, currentUser(r.Context()))
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil
	}
	if up.Kind != importKind {
		s.notFound(w, r)
		return nil, nil
	}
	table, err := spreadsheet.Read(bytes.NewReader(up.Data))
	if err != nil {
		s.serverError(w, r, err)
		return nil, nil
	}
	return up, table
}

type importColumn struct {
	Index   int
	Header  string
	Samples []string
	Field   string
}

type importMappingForm struct {
	ID       int64
	Filename string
	Rows     int
	Columns  []importColumn
	Fields   []string
	Error    string
}

func (s *Server) importMappingPage(w http.ResponseWriter, r *http.Request, status int, up *parasat.Upload,
	table *spreadsheet.Table, m importer.Mapping, errMsg string) {
	p := s.newPage(w, r, "import.mapping_title", nil)
	form := importMappingForm{ID: up.ID, Filename: up.Filename, Rows: len(table.Rows), Error: errMsg}
	for _, f := range importer.BeneficiaryFields {
		form.Fields = append(form.Fields, string(f))
	}
	for i, h := range table.Header {
		c := importColumn{Index: i, Header: h, Field: string(m[i])}
		for _, row := range table.Rows {
			if len(c.Samples) == importSamples {
				break
			}
			if i < len(row) && row[i] != "" {
				c.Samples = append(c.Samples, row[i])
			}
		}
		form.Columns = append(form.Columns, c)
	}
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}, {p.T.T("import.title"), "/beneficiaries/import"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "import_mapping", p)
}

// handleImportMapping offers the mapping remembered for files laid out the
// same, or the one guessed from the header.
func (s *Server) handleImportMapping(w http.ResponseWriter, r *http.Request) {
	up, table := s.loadImport(w, r)
	if up == nil {
		return
	}
	remembered, err := s.services.Imports.Mapping(r.Context(), importKind, importer.HeaderSignature(table.Header))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	m := importer.GuessMapping(table.Header)
	if remembered != nil {
		m = importer.Mapping{}
		for i, f := range remembered {
			if knownImportField(f) && i < len(table.Header) {
				m[i] = importer.Field(f)
			}
		}
	}
	s.importMappingPage(w, r, http.StatusOK, up, table, m, "")
}

func knownImportField(f string) bool {
	for _, k := range importer.BeneficiaryFields {
		if string(k) == f {
			return true
		}
	}
	return false
}

// mappingFromForm reads the field chosen for each column ("col0", "col1"…);
// it returns a translated problem when the mapping cannot be used.
func mappingFromForm(r *http.Request, l *i18n.Localizer, columns int) (importer.Mapping, string) {
	m := importer.Mapping{}
	used := map[string]bool{}
	for i := 0; i < columns; i++ {
		f := r.PostFormValue("col" + strconv.Itoa(i))
		if f == "" || !knownImportField(f) {
			continue
		}
		if used[f] {
			return m, l.T("import.field_twice", "Field", l.T("import.field."+f))
		}
		used[f], m[i] = true, importer.Field(f)
	}
	if missing := m.Missing(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = l.T("import.field." + string(f))
		}
		return m, l.T("import.missing", "Fields", strings.Join(names, ", "))
	}
	return m, ""
}

type importReason struct{ Field, Text string }

type importRowView struct {
	Line    int
	Name    string
	Reasons []importReason
}

// importCheck is the verdict on every row, with the caller's permissions applied.
type importCheck struct {
	Valid    []*parasat.Beneficiary
	Warnings int // valid rows whose IIN disagrees with the entered birth date or sex
	Rejected []importRowView
	Existing []importRowView
}

// checkImport checks every row of the upload; it is run again on accepting,
// so a stale preview is never trusted.
func (s *Server) checkImport(ctx context.Context, l *i18n.Localizer, up *parasat.Upload, table *spreadsheet.Table,
	m importer.Mapping) (*importCheck, error) {
	regions, err := s.services.Regions.ListRegions(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, rg := range regions {
		known[rg.Code] = true
	}
	lookup := func(ctx context.Context, iin string) (int64, error) {
		b, err := s.services.Beneficiaries.BeneficiaryByIIN(ctx, iin)
		if parasat.ErrorCode(err) == parasat.ENotFound {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		return b.ID, nil
	}
	preview, err := importer.PreviewBeneficiaries(ctx, table, m, regions, lookup, s.today())
	if err != nil {
		return nil, err
	}
	u := currentUser(ctx)
	out := &importCheck{}
	reason := func(field, text string) importReason {
		if key := "import.field." + field; l.Has(key) {
			field = l.T(key)
		}
		return importReason{Field: field, Text: text}
	}
	for _, row := range preview.Rejected {
		v := importRowView{Line: row.Line, Name: row.Beneficiary.FullName}
		for _, f := range row.Problems {
			text := f.Message
			if key := "field." + f.Code; l.Has(key) {
				text = l.T(key)
			}
			v.Reasons = append(v.Reasons, reason(f.Field, text))
		}
		out.Rejected = append(out.Rejected, v)
	}
	for _, row := range preview.Valid {
		b := row.Beneficiary
		if up.OrganisationID != nil {
			b.Organisations = []int64{*up.OrganisationID}
		}
		switch {
		case !known[b.Region]:
			out.Rejected = append(out.Rejected, importRowView{Line: row.Line, Name: b.FullName,
				Reasons: []importReason{reason("region", l.T("field.region.unknown"))}})
		case !parasat.Can(u, parasat.WriteBeneficiary, b.Resource()):
			out.Rejected = append(out.Rejected, importRowView{Line: row.Line, Name: b.FullName,
				Reasons: []importReason{reason("region", l.T("import.not_allowed"))}})
		default:
			out.Valid = append(out.Valid, b)
			if len(b.Warnings) > 0 {
				out.Warnings++
			}
		}
	}
	sort.SliceStable(out.Rejected, func(i, j int) bool { return out.Rejected[i].Line < out.Rejected[j].Line })
	for _, row := range preview.Existing {
		out.Existing = append(out.Existing, importRowView{Line: row.Line, Name: row.Beneficiary.FullName})
	}
	return out, nil
}

type importPreviewPage struct {
	ID       int64
	Filename string
	Mapping  map[string]string // the hidden fields that carry the mapping to the accept step
	Valid    int
	Warnings int
	Rejected []importRowView
	Existing []importRowView
}

func (s *Server) importMappingFromRequest(w http.ResponseWriter, r *http.Request) (*parasat.Upload, *spreadsheet.Table, importer.Mapping, bool) {
	up, table := s.loadImport(w, r)
	if up == nil {
		return nil, nil, nil, false
	}
	l := s.catalog.For(s.language(r))
	m, problem := mappingFromForm(r, l, len(table.Header))
	if problem != "" {
		s.importMappingPage(w, r, http.StatusUnprocessableEntity, up, table, m, problem)
		return nil, nil, nil, false
	}
	return up, table, m, true
}

// handleImportPreview remembers the mapping and shows the verdict on every row.
func (s *Server) handleImportPreview(w http.ResponseWriter, r *http.Request) {
	up, table, m, ok := s.importMappingFromRequest(w, r)
	if !ok {
		return
	}
	remember := map[int]string{}
	for i, f := range m {
		remember[i] = string(f)
	}
	if err := s.services.Imports.RememberMapping(r.Context(), importKind, importer.HeaderSignature(table.Header), remember); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "import.preview_title", nil)
	check, err := s.checkImport(r.Context(), p.T, up, table, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := importPreviewPage{ID: up.ID, Filename: up.Filename, Mapping: map[string]string{}, Valid: len(check.Valid),
		Warnings: check.Warnings, Rejected: check.Rejected, Existing: check.Existing}
	for i, f := range m {
		data.Mapping["col"+strconv.Itoa(i)] = string(f)
	}
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}, {p.T.T("import.title"), "/beneficiaries/import"},
		{p.T.T("import.mapping_title"), importPath(up.ID, "mapping")}, {p.Title, ""}}
	p.Data = data
	s.render(w, http.StatusOK, "import_preview", p)
}

// handleImportAccept checks the rows again and registers the valid ones, all
// or none.
func (s *Server) handleImportAccept(w http.ResponseWriter, r *http.Request) {
	up, table, m, ok := s.importMappingFromRequest(w, r)
	if !ok {
		return
	}
	l := s.catalog.For(s.language(r))
	check, err := s.checkImport(r.Context(), l, up, table, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(check.Valid) > 0 {
		if err := s.services.Beneficiaries.CreateBeneficiaries(r.Context(), check.Valid); err != nil {
			if _, ok := fieldErrors(l, err); !ok {
				s.pageError(w, r, err)
				return
			}
			// Someone registered one of the people meanwhile: nothing was
			// imported; the preview, checked again, shows why.
			setFlash(w, "flash.import_failed")
			http.Redirect(w, r, importPath(up.ID, "mapping"), http.StatusSeeOther)
			return
		}
	}
	if err := s.services.Imports.MarkImported(r.Context(), up.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	setFlash(w, "flash.imported", "Count", strconv.Itoa(len(check.Valid)), "Skipped", strconv.Itoa(len(check.Existing)))
	http.Redirect(w, r, "/beneficiaries", http.StatusSeeOther)
}

func (s *Server) registerImportPages(mux *http.ServeMux) {
	// The steps of one upload live under /{id}/…: a pattern
	// /beneficiaries/import/{id} would clash with /beneficiaries/{id}/edit.
	s.handlePage(mux, "GET /beneficiaries/import", parasat.WriteBeneficiary, s.handleImportForm)
	s.handlePage(mux, "POST /beneficiaries/import", parasat.WriteBeneficiary, s.handleImportUpload)
	s.handlePage(mux, "GET /beneficiaries/import/{id}/mapping", parasat.WriteBeneficiary, s.handleImportMapping)
	s.handlePage(mux, "POST /beneficiaries/import/{id}/preview", parasat.WriteBeneficiary, s.handleImportPreview)
	s.handlePage(mux, "POST /beneficiaries/import/{id}/accept", parasat.WriteBeneficiary, s.handleImportAccept)
}
