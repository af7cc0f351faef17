package parasat

import "fmt"

// Dimension is what a breakdown splits the figures by.
type Dimension string

const (
	ByQuarter      Dimension = "quarter"      // calendar quarters of the period
	ByMonth        Dimension = "month"        // calendar months of the period
	ByRegion       Dimension = "region"       // the event's region, or the giving organisation's
	ByOrganisation Dimension = "organisation" // the giving organisation (events: lead or partner)
	ByOccasion     Dimension = "occasion"     // the occasion of the event; key "" for none
	ByCategory     Dimension = "category"     // beneficiary category, valid on the aid's date
	ByKind         Dimension = "kind"         // kind of help
)

// Dimensions lists every dimension in the order reports show them.
var Dimensions = []Dimension{ByQuarter, ByMonth, ByRegion, ByOrganisation, ByOccasion, ByCategory, ByKind}

// Valid reports whether d is one of Dimensions.
func (d Dimension) Valid() bool {
	for _, v := range Dimensions {
		if d == v {
			return true
		}
	}
	return false
}

// Figures returns the figures a breakdown by d has. Categories belong to
// the people helped, so a row of a category has no events, donations or
// volunteers; a row of a kind of help is itself one part of the value.
func (d Dimension) Figures() FigureSet {
	aid := SetOf(FigPeopleHelped, FigFamiliesHelped, FigAidValue)
	switch d {
	case ByKind:
		return aid
	case ByCategory:
		return aid | kindFigures()
	}
	return SetOf(AllFigures...)
}

func kindFigures() FigureSet {
	var s FigureSet
	for _, k := range KindsOfHelp {
		s |= SetOf(KindFigure(k))
	}
	return s
}

// Breakdown is the figures of one period and filter split by a dimension.
//
// Distinct counts (people, families, patrons, volunteers) need not add up:
// a person helped in March and in May is one person in each month's row
// and one in Total. Values (events, money, hours) add up to Total when
// every record falls in exactly one row, as it does for time, region,
// organisation (each aid record under its giving organisation), occasion
// (with a row for "none") and kind; categories overlap.
type Breakdown struct {
	By    Dimension      `json:"by"`
	Rows  []BreakdownRow `json:"rows"`
	Total Figures        `json:"total"`
}

// BreakdownRow is one row of a breakdown.
type BreakdownRow struct {
	// Key identifies the row: "2019-Q1", "2019-03", "KZ-71", an
	// organisation's or occasion's ID, a category or kind code; "" is the
	// row of records without one (aid at no occasion).
	Key string `json:"key"`
	// Name is the row's name when it is data (regions, organisations,
	// occasions); categories, kinds and times are named by the catalogue.
	Name Names `json:"name"`
	// Period is the row's days, for ByQuarter and ByMonth.
	Period *Period `json:"period,omitempty"`
	// Within is the key of a group of rows whose subtotal is published
	// too — the quarter of a month, the parent of an organisation — so
	// that suppression protects the group as it does the whole.
	Within string `json:"within,omitempty"`
	Figures
}

// QuarterKey is the key of the quarter of day: "2019-Q1".
func QuarterKey(day Date) string {
	return fmt.Sprintf("%04d-Q%d", day.Year(), (int(day.Month())-1)/3+1)
}

// MonthKey is the key of the month of day: "2019-03".
func MonthKey(day Date) string { return day.Format("2006-01") }

// TimeRows returns the empty rows of a breakdown of p by quarter or by
// month, one for every quarter or month the period touches (clipped to
// the period), so that a chart shows the months without activity too.
// Month rows are Within their quarter. Other dimensions give nil.
func TimeRows(p Period, by Dimension) []BreakdownRow {
	var parts []Period
	key := QuarterKey
	switch by {
	case ByQuarter:
		parts = p.Quarters()
	case ByMonth:
		parts, key = p.Months(), MonthKey
	default:
		return nil
	}
	rows := make([]BreakdownRow, len(parts))
	for i := range parts {
		rows[i] = BreakdownRow{Key: key(parts[i].From), Period: &parts[i]}
		if by == ByMonth {
			rows[i].Within = QuarterKey(parts[i].From)
		}
	}
	return rows
}
