package http

import (
	"context"
	"sort"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/importer"
	"github.com/parasat-kz/parasat/spreadsheet"
)

// The registers a spreadsheet can fill. Each is an importSpec: the schema
// that reads its rows, how registered people are found, how the rows are
// registered. The pages of page_import.go serve them all alike.

var importFlows = []*importFlow{
	importSpec[*parasat.Beneficiary]{
		kind: "beneficiaries", action: parasat.WriteBeneficiary, nameField: importer.FullName,
		flash: "flash.imported",
		schema: func(in importInput) importer.Schema[*parasat.Beneficiary] {
			return importer.Beneficiaries(in.Regions, in.Now)
		},
		match: func(s *Server) importer.Match[*parasat.Beneficiary] { return s.services.Imports.MatchBeneficiaries },
		create: func(s *Server, ctx context.Context, list []*parasat.Beneficiary) error {
			return s.services.Beneficiaries.CreateBeneficiaries(ctx, list)
		},
		serve: func(b *parasat.Beneficiary, orgs []int64) parasat.Resource {
			b.Organisations = orgs
			return b.Resource()
		},
		name:   func(b *parasat.Beneficiary) string { return b.FullName },
		warned: func(b *parasat.Beneficiary) bool { return len(b.Warnings) > 0 },
	}.flow(),
	importSpec[*parasat.Volunteer]{
		kind: "volunteers", action: parasat.WriteVolunteer, nameField: importer.FullName,
		flash: "flash.imported_volunteers",
		schema: func(in importInput) importer.Schema[*parasat.Volunteer] {
			return importer.Volunteers(in.Regions, in.Skills, parasat.DayInKazakhstan(in.Now), in.Scope)
		},
		match: func(s *Server) importer.Match[*parasat.Volunteer] { return s.services.Imports.MatchVolunteers },
		create: func(s *Server, ctx context.Context, list []*parasat.Volunteer) error {
			return s.services.Volunteers.CreateVolunteers(ctx, list)
		},
		serve: func(v *parasat.Volunteer, orgs []int64) parasat.Resource {
			v.Organisations = orgs
			return v.Resource()
		},
		name: func(v *parasat.Volunteer) string { return v.FullName },
	}.flow(),
	importSpec[*parasat.Patron]{
		kind: "patrons", action: parasat.WritePatron, nameField: importer.Name,
		flash:  "flash.imported_patrons",
		schema: func(in importInput) importer.Schema[*parasat.Patron] { return importer.Patrons(in.Regions) },
		match:  func(s *Server) importer.Match[*parasat.Patron] { return s.services.Imports.MatchPatrons },
		create: func(s *Server, ctx context.Context, list []*parasat.Patron) error {
			return s.services.Patrons.CreatePatrons(ctx, list)
		},
		serve: func(p *parasat.Patron, orgs []int64) parasat.Resource {
			p.SupportedOrganisations = orgs
			return p.Resource()
		},
		name: func(p *parasat.Patron) string { return p.Name },
	}.flow(),
}

// importInput is what the schemas read rows against.
type importInput struct {
	Regions []parasat.Region
	Skills  []parasat.Skill
	Now     time.Time
	// Scope is the purpose of a volunteer's consent for rows that state none.
	Scope string
}

// importSpec describes the import into one register of records T.
type importSpec[T importer.Record] struct {
	kind      string // the register's path and name: "beneficiaries"
	action    parasat.Action
	nameField importer.Field // the field naming a row's person in the preview
	flash     string         // the message after an import, with Count and Skipped
	schema    func(importInput) importer.Schema[T]
	match     func(*Server) importer.Match[T]
	create    func(s *Server, ctx context.Context, list []T) error
	// serve ties a record to the organisations the upload names, and
	// describes it for the policy.
	serve  func(rec T, organisations []int64) parasat.Resource
	name   func(T) string
	warned func(T) bool // nil when the register has no warnings
}

// importFlow is an importSpec with its record type hidden, for the pages.
type importFlow struct {
	kind, flash string
	action      parasat.Action
	nameField   importer.Field
	fields      []importer.Field
	missing     func(importer.Mapping) []importer.Field
	check       func(ctx context.Context, s *Server, l *i18n.Localizer, up *parasat.Upload, t *spreadsheet.Table,
		m importer.Mapping) (*importCheck, error)
}

func (f *importFlow) base() string { return "/" + f.kind }

func (f *importFlow) knows(field string) bool {
	for _, k := range f.fields {
		if string(k) == field {
			return true
		}
	}
	return false
}

func (spec importSpec[T]) flow() *importFlow {
	blank := spec.schema(importInput{})
	return &importFlow{kind: spec.kind, flash: spec.flash, action: spec.action, nameField: spec.nameField,
		fields: blank.Fields, missing: blank.Missing, check: spec.check}
}

// importCheck is the verdict on every row, with the caller's permissions
// applied, and the way to register the valid rows.
type importCheck struct {
	Valid    int
	Warnings int // valid rows worth a second look (an IIN disagreeing with the birth date)
	Rejected []importRowView
	Existing []importRowView
	create   func(ctx context.Context) error
}

type importReason struct{ Field, Text string }

type importRowView struct {
	Line    int
	Name    string
	Reasons []importReason
}

// check reads every row of the upload; it is run again on accepting, so a
// stale preview is never trusted.
func (spec importSpec[T]) check(ctx context.Context, s *Server, l *i18n.Localizer, up *parasat.Upload,
	t *spreadsheet.Table, m importer.Mapping) (*importCheck, error) {
	in := importInput{Now: time.Now(), Scope: l.T("import.volunteer_consent_scope", "File", up.Filename)}
	var err error
	if in.Regions, err = s.services.Regions.ListRegions(ctx); err != nil {
		return nil, err
	}
	if in.Skills, err = s.services.Skills.ListSkills(ctx); err != nil {
		return nil, err
	}
	preview, err := importer.Check(ctx, t, m, spec.schema(in), spec.match(s))
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
		v := importRowView{Line: row.Line, Name: spec.name(row.Record)}
		for _, f := range row.Problems {
			text := f.Message
			if key := "field." + f.Code; l.Has(key) {
				text = l.T(key)
			}
			v.Reasons = append(v.Reasons, reason(f.Field, text))
		}
		out.Rejected = append(out.Rejected, v)
	}
	var valid []T
	for _, row := range preview.Valid {
		res := spec.Resource(row.Record, up)
		if !parasat.Can(u, spec.action, res) {
			out.Rejected = append(out.Rejected, importRowView{Line: row.Line, Name: spec.name(row.Record),
				Reasons: []importReason{reason("region", l.T("import.not_allowed"))}})
			continue
		}
		valid = append(valid, row.Record)
		if spec.warned != nil && spec.warned(row.Record) {
			out.Warnings++
		}
	}
	sort.SliceStable(out.Rejected, func(i, j int) bool { return out.Rejected[i].Line < out.Rejected[j].Line })
	for _, row := range preview.Existing {
		out.Existing = append(out.Existing, importRowView{Line: row.Line, Name: spec.name(row.Record)})
	}
	out.Valid = len(valid)
	out.create = func(ctx context.Context) error { return spec.create(s, ctx, valid) }
	return out, nil
}

// Resource ties the record to the upload's organisation, if any, and
// describes it for the policy.
func (spec importSpec[T]) Resource(rec T, up *parasat.Upload) parasat.Resource {
	if up.OrganisationID != nil {
		return spec.serve(rec, []int64{*up.OrganisationID})
	}
	return spec.serve(rec, []int64{})
}
