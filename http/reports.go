package http

import (
	"context"
	"net/url"

	"github.com/parasat-kz/parasat"
)

// What the report API, the report page, the public results page and the
// dashboards share: reading a filter, deciding whether the caller sees
// figures as they are or with small cells suppressed, and building a report
// with its subject's name.

// countryNames names the whole country, the subject of a report with no
// region or organisation.
var countryNames = parasat.Names{KK: "Қазақстан Республикасы", RU: "Республика Казахстан", EN: "Republic of Kazakhstan"}

// reportFilter reads a filter from query parameters (see
// parasat.ParseReportFilter); no dates means the year to date.
func reportFilter(q url.Values) (parasat.ReportFilter, error) {
	return parasat.ParseReportFilter(q, today())
}

// figureResource describes what a filter reports on, for the policy's
// ReadExactFigures: its region (or its organisation's) and its organisation
// with the organisation's parents, whose managers see their children's
// figures too.
func (s *Server) figureResource(ctx context.Context, f parasat.ReportFilter) (parasat.Resource, error) {
	r := parasat.Resource{Region: f.Region}
	for id, depth := f.OrganisationID, 0; id != 0 && depth < 32; depth++ {
		o, err := s.services.Organisations.Organisation(ctx, id)
		if err != nil {
			return r, err
		}
		if r.OrganisationID == 0 {
			r.OrganisationID = o.ID
			if r.Region == "" {
				r.Region = o.Region
			}
		}
		r.Organisations = append(r.Organisations, o.ID)
		if o.ParentID == nil {
			break
		}
		id = *o.ParentID
	}
	return r, nil
}

// exactFigures tells whether the caller sees f's figures as they are; the
// public, and staff outside the filter's scope, see small cells suppressed.
func (s *Server) exactFigures(ctx context.Context, f parasat.ReportFilter) (bool, error) {
	u := currentUser(ctx)
	if u == nil {
		return false, nil
	}
	r, err := s.figureResource(ctx, f)
	if err != nil {
		return false, err
	}
	return parasat.Can(u, parasat.ReadExactFigures, r), nil
}

// reportSubject names whose figures a filter selects: its organisation,
// its region (by the name it had at the period's end), or the country.
func (s *Server) reportSubject(ctx context.Context, f parasat.ReportFilter) (parasat.Names, error) {
	switch {
	case f.OrganisationID != 0:
		o, err := s.services.Organisations.Organisation(ctx, f.OrganisationID)
		if err != nil {
			return parasat.Names{}, err
		}
		return o.Name, nil
	case f.Region != "":
		rg, err := s.services.Regions.Region(ctx, f.Region)
		if err != nil {
			return parasat.Names{}, err
		}
		end := f.Period.To.Time
		return parasat.Names{KK: rg.NameAt(parasat.Kazakh, end), RU: rg.NameAt(parasat.Russian, end),
			EN: rg.NameAt(parasat.English, end)}, nil
	}
	return countryNames, nil
}

// buildReport counts the report of f — the summary, the same period last
// year when asked, the breakdowns by dims — names its subject, and
// suppresses its small cells unless exact.
func (s *Server) buildReport(ctx context.Context, f parasat.ReportFilter, exact, lastYear bool, dims ...parasat.Dimension) (*parasat.Report, error) {
	r, err := parasat.BuildReport(ctx, s.services.Reports, f, lastYear, dims...)
	if err != nil {
		return nil, err
	}
	if r.Subject, err = s.reportSubject(ctx, f); err != nil {
		return nil, err
	}
	if !exact {
		r.Suppress()
	}
	return r, nil
}
