package tally

import (
	"time"

	"github.com/parasat-kz/parasat"
)

// Day is a calendar day in Kazakhstan, counted from 1 January 1990: aid is
// dated from Independence (16 December 1991) and reports start in 2000, so
// a 16-bit count reaches 2169.
type Day uint16

var epoch = time.Date(1990, time.January, 1, 0, 0, 0, 0, time.UTC)

// MaxDay is the last day the index can hold.
const MaxDay = Day(^uint16(0))

// DayOf returns the day of a calendar date, clamped to the index's range.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	n := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24
	switch {
	case n < 0:
		return 0
	case n > float64(MaxDay):
		return MaxDay
	}
	return Day(n)
}

// Date returns the calendar date of the day.
func (d Day) Date() parasat.Date { return parasat.Date{Time: epoch.AddDate(0, 0, int(d))} }

// Recipient kinds of an aid record.
const (
	ToPerson    uint8 = 1 // Recipient is a beneficiary's ID
	ToHousehold uint8 = 2 // Recipient is a household's ID
	ToGroup     uint8 = 3 // Recipient is the size of an anonymous group
)

// Aid is one aid record, as the figures count it.
type Aid struct {
	Value     int64  // tiyn
	Org       uint32 // the giving organisation
	Event     uint32 // 0 when given outside an event
	Recipient uint32 // see To
	Region    uint8  // Regions index: the event's region, or the giver's
	Kind      uint8  // index in parasat.KindsOfHelp
	To        uint8  // ToPerson, ToHousehold or ToGroup
}

// Event is an event as the figures count it, on the day it starts.
type Event struct {
	ID       uint32
	Region   uint8
	Occasion string
	// Counted: held or reported (FIGURES.md: planned and cancelled events
	// are not counted).
	Counted bool
	// HasShifts: its volunteers are counted by their confirmed hours;
	// without shifts, by the numbers reported with its results.
	HasShifts  bool
	Volunteers int64
	Minutes    int64
	// Orgs are the lead (first) and the partners.
	Orgs []uint32
}

// Gift is a money donation, net of its reversal, on the day received.
type Gift struct {
	Amount int64  // tiyn, reversals subtracted
	Org    uint32 // the receiving organisation
	Patron uint32 // 0 unless the donor is a patron
	Event  uint32 // the event the gift was designated to, or 0
	Region uint8
}

// Hours are a volunteer's confirmed minutes on a shift, on the day the
// shift starts.
type Hours struct {
	Minutes   int64
	Volunteer uint32
	Event     uint32
	Region    uint8
}

// Span is a category a person or household is in, from From to Until, both
// included.
type Span struct {
	Category uint8 // index in parasat.Categories
	From     Day
	Until    Day
}

// SpanOf converts a category assignment; open ends reach the index's range.
func SpanOf(a parasat.CategoryAssignment) (Span, bool) {
	c, ok := CategoryIndex(a.Category)
	s := Span{Category: c, Until: MaxDay}
	if a.ValidFrom != nil {
		s.From = DayOf(a.ValidFrom.Time)
	}
	if a.ValidUntil != nil {
		s.Until = DayOf(a.ValidUntil.Time)
	}
	return s, ok
}

// Person is a beneficiary: their household and categories.
type Person struct {
	ID         uint32
	Household  uint32 // 0: none
	Categories []Span
}

// Household is a household's own categories (a large family).
type Household struct {
	ID         uint32
	Categories []Span
}

// Org is an organisation, for the organisation filter (with its children),
// the breakdown's names and the statement's count of organisers by type.
type Org struct {
	ID     uint32
	Parent uint32
	Type   parasat.OrganisationType
	Region string
	Name   parasat.Names
}

// KindIndex returns the index of a kind of help in parasat.KindsOfHelp.
func KindIndex(k parasat.KindOfHelp) (uint8, bool) {
	for i, v := range parasat.KindsOfHelp {
		if v == k {
			return uint8(i), true
		}
	}
	return 0, false
}

// CategoryIndex returns the index of a category in parasat.Categories.
func CategoryIndex(c parasat.Category) (uint8, bool) {
	for i, v := range parasat.Categories {
		if v == c {
			return uint8(i), true
		}
	}
	return 0, false
}

// Regions numbers the regions for the facts: index 0 is no region.
type Regions struct {
	codes []string
	names []parasat.Names
	index map[string]uint8
}

// NewRegions numbers the regions in the order given.
func NewRegions(list []parasat.Region) *Regions {
	r := &Regions{codes: []string{""}, names: []parasat.Names{{}}, index: map[string]uint8{}}
	for _, rg := range list {
		r.index[rg.Code] = uint8(len(r.codes))
		r.codes = append(r.codes, rg.Code)
		r.names = append(r.names, rg.Name)
	}
	return r
}

// Index returns the number of a region's code (0 when unknown).
func (r *Regions) Index(code string) uint8 { return r.index[code] }
