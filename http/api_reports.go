package http

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
	"github.com/parasat-kz/parasat/report/export"
)

// ReportQuery is the filter of every report operation (FIGURES.md).
type ReportQuery struct {
	From         string `query:"from" doc:"First day, YYYY-MM-DD; with neither from nor to, the year to date"`
	To           string `query:"to" doc:"Last day, YYYY-MM-DD, included; without it, today"`
	Region       string `query:"region" doc:"ISO 3166-2 code such as KZ-71: the event's region, or the giving organisation's"`
	Organisation string `query:"organisation" doc:"An organisation's ID: it and all its child organisations"`
	Occasion     string `query:"occasion" doc:"An occasion's key, such as nauryz"`
	Kind         string `query:"kind" enum:"money,goods,service,development,care," doc:"A kind of help"`
	Category     string `query:"category" doc:"A beneficiary category, such as veteran"`
	// AcceptLanguage chooses the language of files and statements when
	// neither lang nor the account's language does.
	AcceptLanguage string `header:"Accept-Language"`
}

func (q *ReportQuery) filter() (parasat.ReportFilter, error) {
	return reportFilter(url.Values{"from": {q.From}, "to": {q.To}, "region": {q.Region}, "organisation": {q.Organisation},
		"occasion": {q.Occasion}, "kind": {q.Kind}, "category": {q.Category}})
}

type summaryInput struct {
	ReportQuery
	Format string `query:"format" enum:"json,xlsx,pdf,csv" default:"json" doc:"json: the figures; xlsx: the whole report (summary, the same period last year, a sheet per breakdown, definitions); pdf: the whole report for reading and printing, with the statement and charts; csv: the summary, or the breakdown named by by, with HXL hashtags"`
	By     string `query:"by" enum:"quarter,month,region,organisation,occasion,category,kind," doc:"With format=csv: the breakdown to write"`
	Lang   string `query:"lang" enum:"kk,ru,en," doc:"The language of files and statements; by default the account's, else Accept-Language"`
}

// summaryBody is the figures of a period and filter.
type summaryBody struct {
	*parasat.Summary
	LastYear *parasat.Figures `json:"last_year" doc:"The same figures for the same days of the year before"`
	Exact    bool             `json:"exact" doc:"false when figures describing fewer than 5 people are suppressed: the caller's role does not cover the filter"`
}

type reportOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	// Body is a summaryBody, or the bytes of a file.
	Body any
}

type breakdownInput struct {
	ReportQuery
	By string `query:"by" required:"true" enum:"quarter,month,region,organisation,occasion,category,kind"`
}

type breakdownOutput struct {
	Body struct {
		*parasat.Breakdown
		Exact bool `json:"exact" doc:"false when figures describing fewer than 5 people are suppressed"`
	}
}

type reportStatementInput struct {
	ReportQuery
	Lang string `query:"lang" enum:"kk,ru,en," doc:"By default the account's language, else Accept-Language"`
}

type statementOutput struct {
	Body struct {
		Lang      parasat.Language `json:"lang"`
		Text      string           `json:"text" doc:"The statement as one paragraph, as the press receives it"`
		Sentences []string         `json:"sentences"`
		Exact     bool             `json:"exact"`
	}
}

const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	pdfType  = "application/pdf"
	csvType  = "text/csv; charset=utf-8"
)

func (s *Server) registerReportRoutes(api huma.API) {
	op := operation("report-summary", http.MethodGet, "/reports/summary", parasat.ReadReport,
		"The figures of a period, filtered; or the whole report as XLSX or PDF, or a table as CSV", "Reports")
	op.Description = "Figures as FIGURES.md defines them. Anyone may read them; figures describing fewer than 5 people " +
		"are suppressed unless the caller's role covers the filter (admins everything, coordinators their region, " +
		"managers their organisation and its children)."
	op.Responses = map[string]*huma.Response{"200": {Description: "The figures, or the file asked for",
		Content: map[string]*huma.MediaType{
			"application/json": {Schema: api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[summaryBody](), true, "")},
			xlsxType:           {Schema: &huma.Schema{Type: "string", Format: "binary"}},
			pdfType:            {Schema: &huma.Schema{Type: "string", Format: "binary"}},
			"text/csv":         {Schema: &huma.Schema{Type: "string"}},
		}}}
	huma.Register(api, op, s.reportSummary)
	huma.Register(api, operation("report-breakdown", http.MethodGet, "/reports/breakdown", parasat.ReadReport,
		"The figures of a period split by quarter, month, region, organisation, occasion, category or kind of help", "Reports"),
		s.reportBreakdown)
	huma.Register(api, operation("report-statement", http.MethodGet, "/reports/statement", parasat.ReadReport,
		"The press statement of a period's figures, in Kazakh, Russian or English", "Reports"), s.reportStatement)
}

// language is the language asked for, else the account's, else the one
// Accept-Language prefers (Kazakh when it names none of ours).
func (q *ReportQuery) language(ctx context.Context, asked string) parasat.Language {
	if asked != "" {
		return parasat.Language(asked)
	}
	if u := currentUser(ctx); u != nil && u.Language != "" {
		return u.Language
	}
	return i18n.Negotiate(q.AcceptLanguage)
}

func (s *Server) reportSummary(ctx context.Context, in *summaryInput) (*reportOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, s.apiError(err)
	}
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	switch in.Format {
	case "xlsx", "pdf", "csv":
		return s.reportFile(ctx, f, exact, in)
	}
	r, err := s.buildReport(ctx, f, exact, true)
	if err != nil {
		return nil, s.apiError(err)
	}
	return &reportOutput{Body: summaryBody{Summary: &r.Summary, LastYear: &r.LastYear.Figures, Exact: exact}}, nil
}

// reportFile writes the report of f as a file: XLSX or PDF with
// everything, or one table as CSV.
func (s *Server) reportFile(ctx context.Context, f parasat.ReportFilter, exact bool, in *summaryInput) (*reportOutput, error) {
	dims := parasat.Dimensions
	if in.Format == "csv" {
		dims = nil
		if in.By != "" {
			dims = []parasat.Dimension{parasat.Dimension(in.By)}
		}
	}
	r, err := s.buildReport(ctx, f, exact, in.Format != "csv", dims...)
	if err != nil {
		return nil, s.apiError(err)
	}
	l := s.catalog.For(in.language(ctx, in.Lang))
	var b bytes.Buffer
	out := &reportOutput{ContentDisposition: `attachment; filename="` + reportFileName(f, in.Format) + `"`}
	switch in.Format {
	case "xlsx":
		out.ContentType, err = xlsxType, export.XLSX(&b, l, r)
	case "pdf":
		out.ContentType, err = pdfType, export.PDF(&b, l, r, today())
	default:
		out.ContentType, err = csvType, export.CSV(&b, l, r, parasat.Dimension(in.By))
	}
	if err != nil {
		return nil, s.apiError(err)
	}
	out.Body = b.Bytes()
	return out, nil
}

// reportFileName is "parasat-2019-01-01-2019-03-31.xlsx".
func reportFileName(f parasat.ReportFilter, ext string) string {
	return "parasat-" + f.Period.From.String() + "-" + f.Period.To.String() + "." + ext
}

func (s *Server) reportBreakdown(ctx context.Context, in *breakdownInput) (*breakdownOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, s.apiError(err)
	}
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	r, err := s.buildReport(ctx, f, exact, false, parasat.Dimension(in.By))
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &breakdownOutput{}
	out.Body.Breakdown, out.Body.Exact = &r.Breakdowns[0], exact
	return out, nil
}

func (s *Server) reportStatement(ctx context.Context, in *reportStatementInput) (*statementOutput, error) {
	f, err := in.filter()
	if err != nil {
		return nil, s.apiError(err)
	}
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	r, err := s.buildReport(ctx, f, exact, false, parasat.ByQuarter)
	if err != nil {
		return nil, s.apiError(err)
	}
	lang := in.language(ctx, in.Lang)
	st := report.Write(s.catalog.For(lang), r, today())
	out := &statementOutput{}
	out.Body.Lang, out.Body.Text, out.Body.Sentences, out.Body.Exact = lang, st.Text(), st.Sentences, exact
	return out, nil
}
