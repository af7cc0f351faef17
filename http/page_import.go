package http

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/importer"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// The import of people from a spreadsheet, into any register of
// import_flows.go, in four steps that work without JavaScript: upload the
// file, map its columns to fields, see every row checked, accept the valid
// rows. Nothing is written to the register until the last step, and then in
// one transaction.

const (
	// maxImportBody bounds the whole multipart request: the file plus the
	// form around it.
	maxImportBody = spreadsheet.MaxSize + 1<<20
	importSamples = 3
)

type importUploadForm struct {
	Kind          string
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
func (s *Server) importOrganisations(r *http.Request, flow *importFlow, lang parasat.Language) ([]parasat.Organisation, error) {
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
		if parasat.Can(u, flow.action, parasat.Resource{Region: o.Region, Organisations: []int64{o.ID}}) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *Server) importUploadPage(w http.ResponseWriter, r *http.Request, flow *importFlow, status int, form importUploadForm) {
	p := s.newPage(w, r, "import.title", nil)
	orgs, err := s.importOrganisations(r, flow, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Kind, form.Organisations = flow.kind, orgs
	p.Breadcrumbs = []crumb{{p.T.T("nav." + flow.kind), flow.base()}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "import_upload", p)
}

func (s *Server) handleImportForm(flow *importFlow) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.importUploadPage(w, r, flow, http.StatusOK, importUploadForm{})
	}
}

// handleImportUpload checks the file whole and keeps it for the next steps.
// A refused file is not stored.
func (s *Server) handleImportUpload(flow *importFlow) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, filename, problem := s.readImportFile(w, r)
		if problem != nil {
			s.importUploadPage(w, r, flow, problem.status, importUploadForm{Error: problem.message})
			return
		}
		u := currentUser(r.Context())
		up := &parasat.Upload{UserID: u.ID, Kind: flow.kind, Filename: filename, Data: data}
		if orgs := u.ManagedOrganisations(); !importChoosesOrganisation(u) && len(orgs) > 0 {
			up.OrganisationID = &orgs[0]
		} else if v := r.FormValue("organisation"); v != "" {
			id, _ := strconv.ParseInt(v, 10, 64)
			orgs, err := s.importOrganisations(r, flow, s.language(r))
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
				l := s.catalog.For(s.language(r))
				s.importUploadPage(w, r, flow, http.StatusUnprocessableEntity, importUploadForm{Error: l.T("field.organisation.unknown")})
				return
			}
		}
		if err := s.services.Imports.SaveUpload(r.Context(), up); err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, importPath(flow, up.ID, "mapping"), http.StatusSeeOther)
	}
}

type importProblem struct {
	status  int
	message string
}

// readImportFile reads the uploaded file and checks that it is a readable
// spreadsheet with a header, or says why not, translated.
func (s *Server) readImportFile(w http.ResponseWriter, r *http.Request) ([]byte, string, *importProblem) {
	l := s.catalog.For(s.language(r))
	refuse := func(status int, msg string) ([]byte, string, *importProblem) {
		return nil, "", &importProblem{status, msg}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	tooLarge := l.T("import.too_large", "Max", strconv.Itoa(spreadsheet.MaxSize>>20))
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			return refuse(http.StatusRequestEntityTooLarge, tooLarge)
		}
		return refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	file, header, err := r.FormFile("file")
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, spreadsheet.MaxSize+1))
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, l.T("import.no_file"))
	}
	if _, err := spreadsheet.Read(bytes.NewReader(data)); err != nil {
		switch {
		case errors.Is(err, spreadsheet.ErrTooLarge):
			return refuse(http.StatusRequestEntityTooLarge, tooLarge)
		case errors.Is(err, spreadsheet.ErrNotSpreadsheet):
			return refuse(http.StatusUnprocessableEntity, l.T("import.not_spreadsheet"))
		case errors.Is(err, spreadsheet.ErrNoHeader):
			return refuse(http.StatusUnprocessableEntity, l.T("import.no_header"))
		case errors.Is(err, spreadsheet.ErrTooManyRows):
			return refuse(http.StatusUnprocessableEntity, l.T("import.too_many_rows", "Max", l.Number(spreadsheet.MaxRows)))
		default:
			return refuse(http.StatusUnprocessableEntity, l.T("import.unreadable"))
		}
	}
	return data, header.Filename, nil
}

func importPath(flow *importFlow, id int64, step string) string {
	return flow.base() + "/import/" + strconv.FormatInt(id, 10) + "/" + step
}

// loadImport finds the caller's upload of the path and reads its table, or
// answers "not found".
func (s *Server) loadImport(w http.ResponseWriter, r *http.Request, flow *importFlow) (*parasat.Upload, *spreadsheet.Table) {
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
	if up.Kind != flow.kind {
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
	Kind     string
	ID       int64
	Filename string
	Rows     int
	Columns  []importColumn
	Fields   []string
	Error    string
}

func (s *Server) importMappingPage(w http.ResponseWriter, r *http.Request, flow *importFlow, status int, up *parasat.Upload,
	table *spreadsheet.Table, m importer.Mapping, errMsg string) {
	p := s.newPage(w, r, "import.mapping_title", nil)
	form := importMappingForm{Kind: flow.kind, ID: up.ID, Filename: up.Filename, Rows: len(table.Rows), Error: errMsg}
	for _, f := range flow.fields {
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
	p.Breadcrumbs = []crumb{{p.T.T("nav." + flow.kind), flow.base()}, {p.T.T("import.title"), flow.base() + "/import"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "import_mapping", p)
}

// handleImportMapping offers the mapping remembered for files laid out the
// same, or the one guessed from the header.
func (s *Server) handleImportMapping(flow *importFlow) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		up, table := s.loadImport(w, r, flow)
		if up == nil {
			return
		}
		remembered, err := s.services.Imports.Mapping(r.Context(), flow.kind, importer.HeaderSignature(table.Header))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		m := importer.GuessMapping(table.Header, flow.fields)
		if remembered != nil {
			m = importer.Mapping{}
			for i, f := range remembered {
				if flow.knows(f) && i < len(table.Header) {
					m[i] = importer.Field(f)
				}
			}
		}
		s.importMappingPage(w, r, flow, http.StatusOK, up, table, m, "")
	}
}

// mappingFromForm reads the field chosen for each column ("col0", "col1"…);
// it returns a translated problem when the mapping cannot be used.
func mappingFromForm(r *http.Request, flow *importFlow, l *i18n.Localizer, columns int) (importer.Mapping, string) {
	m := importer.Mapping{}
	used := map[string]bool{}
	for i := 0; i < columns; i++ {
		f := r.PostFormValue("col" + strconv.Itoa(i))
		if f == "" || !flow.knows(f) {
			continue
		}
		if used[f] {
			return m, l.T("import.field_twice", "Field", l.T("import.field."+f))
		}
		used[f], m[i] = true, importer.Field(f)
	}
	if missing := flow.missing(m); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, f := range missing {
			names[i] = l.T("import.field." + string(f))
		}
		return m, l.T("import.missing", "Fields", strings.Join(names, ", "))
	}
	return m, ""
}

type importPreviewPage struct {
	Kind      string
	NameField string
	ID        int64
	Filename  string
	Mapping   map[string]string // the hidden fields that carry the mapping to the accept step
	Valid     int
	Warnings  int
	Rejected  []importRowView
	Existing  []importRowView
}

func (s *Server) importMappingFromRequest(w http.ResponseWriter, r *http.Request, flow *importFlow) (*parasat.Upload,
	*spreadsheet.Table, importer.Mapping, bool) {
	up, table := s.loadImport(w, r, flow)
	if up == nil {
		return nil, nil, nil, false
	}
	l := s.catalog.For(s.language(r))
	m, problem := mappingFromForm(r, flow, l, len(table.Header))
	if problem != "" {
		s.importMappingPage(w, r, flow, http.StatusUnprocessableEntity, up, table, m, problem)
		return nil, nil, nil, false
	}
	return up, table, m, true
}

// handleImportPreview remembers the mapping and shows the verdict on every row.
func (s *Server) handleImportPreview(flow *importFlow) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		up, table, m, ok := s.importMappingFromRequest(w, r, flow)
		if !ok {
			return
		}
		remember := map[int]string{}
		for i, f := range m {
			remember[i] = string(f)
		}
		if err := s.services.Imports.RememberMapping(r.Context(), flow.kind, importer.HeaderSignature(table.Header), remember); err != nil {
			s.serverError(w, r, err)
			return
		}
		p := s.newPage(w, r, "import.preview_title", nil)
		check, err := flow.check(r.Context(), s, p.T, up, table, m)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data := importPreviewPage{Kind: flow.kind, NameField: string(flow.nameField), ID: up.ID, Filename: up.Filename,
			Mapping: map[string]string{}, Valid: check.Valid, Warnings: check.Warnings, Rejected: check.Rejected,
			Existing: check.Existing}
		for i, f := range m {
			data.Mapping["col"+strconv.Itoa(i)] = string(f)
		}
		p.Breadcrumbs = []crumb{{p.T.T("nav." + flow.kind), flow.base()}, {p.T.T("import.title"), flow.base() + "/import"},
			{p.T.T("import.mapping_title"), importPath(flow, up.ID, "mapping")}, {p.Title, ""}}
		p.Data = data
		s.render(w, http.StatusOK, "import_preview", p)
	}
}

// handleImportAccept checks the rows again and registers the valid ones, all
// or none.
func (s *Server) handleImportAccept(flow *importFlow) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		up, table, m, ok := s.importMappingFromRequest(w, r, flow)
		if !ok {
			return
		}
		l := s.catalog.For(s.language(r))
		check, err := flow.check(r.Context(), s, l, up, table, m)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if check.Valid > 0 {
			if err := check.create(r.Context()); err != nil {
				if _, ok := fieldErrors(l, err); !ok {
					s.pageError(w, r, err)
					return
				}
				// Someone registered one of the people meanwhile: nothing was
				// imported; the preview, checked again, shows why.
				setFlash(w, "flash.import_failed")
				http.Redirect(w, r, importPath(flow, up.ID, "mapping"), http.StatusSeeOther)
				return
			}
		}
		if err := s.services.Imports.MarkImported(r.Context(), up.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		setFlash(w, flow.flash, "Count", strconv.Itoa(check.Valid), "Skipped", strconv.Itoa(len(check.Existing)))
		http.Redirect(w, r, flow.base(), http.StatusSeeOther)
	}
}

func (s *Server) registerImportPages(mux *http.ServeMux) {
	// The steps of one upload live under /{id}/…: a pattern
	// /beneficiaries/import/{id} would clash with /beneficiaries/{id}/edit.
	for _, flow := range importFlows {
		base := flow.base() + "/import"
		s.handlePage(mux, "GET "+base, flow.action, s.handleImportForm(flow))
		s.handlePage(mux, "POST "+base, flow.action, s.handleImportUpload(flow))
		s.handlePage(mux, "GET "+base+"/{id}/mapping", flow.action, s.handleImportMapping(flow))
		s.handlePage(mux, "POST "+base+"/{id}/preview", flow.action, s.handleImportPreview(flow))
		s.handlePage(mux, "POST "+base+"/{id}/accept", flow.action, s.handleImportAccept(flow))
	}
}
