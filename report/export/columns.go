// Package export writes reports as files people use elsewhere: XLSX
// workbooks (excelize, streamed) with real numbers and dates, CSV with an
// HXL hashtag row for humanitarian data tools, and PDF documents on the
// shared pdf package, with the statement, tables and charts.
package export

import (
	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// figuresOf returns the figures a table of breakdown d (or of the summary,
// d == "") shows under the report's filter.
func figuresOf(r *parasat.Report, d parasat.Dimension) []parasat.Figure {
	ok := r.Summary.Filter.Applicable()
	if d != "" {
		ok &= d.Figures()
	}
	return ok.List()
}

// timeDimension reports whether the rows of d are periods.
func timeDimension(d parasat.Dimension) bool { return d == parasat.ByQuarter || d == parasat.ByMonth }

// rowPeriod is a row's days: its own for time rows, the report's for the rest.
func rowPeriod(r *parasat.Report, row *parasat.BreakdownRow) parasat.Period {
	if row.Period != nil {
		return *row.Period
	}
	return r.Summary.Filter.Period
}

// label is the name of a row in l's language.
func label(l *i18n.Localizer, d parasat.Dimension, row *parasat.BreakdownRow) string {
	return report.RowLabel(l, d, row)
}

// filterLines names the filters of the report, [label, value], for the
// summary sheet and the PDF's header. A region is named as it was at the
// end of the period (the capital was Nur-Sultan in 2019–2022); the
// organisation is the report's subject, named in its title; an occasion
// has only its key here.
func filterLines(l *i18n.Localizer, r *parasat.Report) [][2]string {
	f := r.Summary.Filter
	var out [][2]string
	if f.Region != "" {
		name := f.Region
		for _, reg := range parasat.KazakhstanRegions() {
			if reg.Code == f.Region {
				name = reg.NameAt(l.Lang(), f.Period.To.Time)
			}
		}
		out = append(out, [2]string{report.DimensionColumn(l, parasat.ByRegion), name})
	}
	if f.Occasion != "" {
		out = append(out, [2]string{report.DimensionColumn(l, parasat.ByOccasion), f.Occasion})
	}
	if f.Kind != "" {
		out = append(out, [2]string{report.DimensionColumn(l, parasat.ByKind), report.KindName(l, f.Kind)})
	}
	if f.Category != "" {
		out = append(out, [2]string{report.DimensionColumn(l, parasat.ByCategory), l.T("category." + string(f.Category))})
	}
	return out
}

// hxl are the HXL hashtags of the figures (HXL 1.1: #reached with +ind
// and +hh for people and households reached, #value with the currency as
// an attribute, #activity for events, #capacity for volunteers).
var hxl = map[parasat.Figure]string{
	parasat.FigEvents:         "#activity+events+num",
	parasat.FigPeopleHelped:   "#reached+ind",
	parasat.FigFamiliesHelped: "#reached+hh",
	parasat.FigAidValue:       "#value+aid+kzt",
	parasat.FigAidMoney:       "#value+aid+money+kzt",
	parasat.FigAidGoods:       "#value+aid+goods+kzt",
	parasat.FigAidService:     "#value+aid+service+kzt",
	parasat.FigAidDevelopment: "#value+aid+development+kzt",
	parasat.FigAidCare:        "#value+aid+care+kzt",
	parasat.FigMoneyRaised:    "#value+donations+kzt",
	parasat.FigPatrons:        "#org+funder+num",
	parasat.FigVolunteers:     "#capacity+volunteers+num",
	parasat.FigVolunteerHours: "#capacity+volunteers+hours",
}

// hxlKey are the hashtags of a breakdown's code and name columns: the
// region as an ISO 3166-2 code (#adm1), the organisation, the occasion of
// the calendar, the beneficiary category, and the kind of help as the aid
// modality (money, goods, service, …).
var hxlKey = map[parasat.Dimension][2]string{
	parasat.ByRegion:       {"#adm1+code", "#adm1+name"},
	parasat.ByOrganisation: {"#org+code", "#org+name"},
	parasat.ByOccasion:     {"#event+occasion+code", "#event+occasion+name"},
	parasat.ByCategory:     {"#beneficiary+code", "#beneficiary+name"},
	parasat.ByKind:         {"#modality+code", "#modality+name"},
}
