package parasat

import (
	"encoding/json"
	"math/bits"
)

// Figure names one of the numbers of FIGURES.md; its value is the JSON name
// of the field that holds it.
type Figure string

const (
	FigEvents         Figure = "events"
	FigPeopleHelped   Figure = "people_helped"
	FigFamiliesHelped Figure = "families_helped"
	FigAidValue       Figure = "aid_value_tiyn"
	FigAidMoney       Figure = "aid_value_money_tiyn"
	FigAidGoods       Figure = "aid_value_goods_tiyn"
	FigAidService     Figure = "aid_value_service_tiyn"
	FigAidDevelopment Figure = "aid_value_development_tiyn"
	FigAidCare        Figure = "aid_value_care_tiyn"
	FigMoneyRaised    Figure = "money_raised_tiyn"
	FigPatrons        Figure = "patrons"
	FigVolunteers     Figure = "volunteers"
	FigVolunteerHours Figure = "volunteer_hours"
)

// AllFigures lists every figure in the order reports show them.
var AllFigures = []Figure{FigEvents, FigPeopleHelped, FigFamiliesHelped, FigAidValue,
	FigAidMoney, FigAidGoods, FigAidService, FigAidDevelopment, FigAidCare,
	FigMoneyRaised, FigPatrons, FigVolunteers, FigVolunteerHours}

// KindFigure returns the figure of the value of aid of kind k.
func KindFigure(k KindOfHelp) Figure { return Figure("aid_value_" + string(k) + "_tiyn") }

// Kind returns the kind of help a FigAid<Kind> figure is about, or "".
func (f Figure) Kind() KindOfHelp {
	for _, k := range KindsOfHelp {
		if f == KindFigure(k) {
			return k
		}
	}
	return ""
}

// Unit is what a figure counts.
type Unit string

const (
	UnitCount   Unit = "count"   // events, people, families, patrons, volunteers
	UnitTiyn    Unit = "tiyn"    // money
	UnitMinutes Unit = "minutes" // volunteer time, shown in hours
)

// Unit returns what f counts.
func (f Figure) Unit() Unit {
	switch {
	case f == FigVolunteerHours:
		return UnitMinutes
	case f == FigAidValue || f == FigMoneyRaised || f.Kind() != "":
		return UnitTiyn
	}
	return UnitCount
}

// People is the group of people a figure describes, which decides when it
// is suppressed: by the number of beneficiaries, volunteers or patrons.
type People string

const (
	NoPeople      People = ""              // events: not about people
	Beneficiaries People = "beneficiaries" // people helped, families, value of aid
	VolunteerPool People = "volunteers"    // volunteers and their hours
	PatronPool    People = "patrons"       // patrons and money raised
)

// People returns the group f describes.
func (f Figure) People() People {
	switch f {
	case FigEvents:
		return NoPeople
	case FigVolunteers, FigVolunteerHours:
		return VolunteerPool
	case FigPatrons, FigMoneyRaised:
		return PatronPool
	}
	return Beneficiaries
}

// Value returns the value of figure fig (money in tiyn, hours in minutes),
// whether or not it is suppressed.
func (f *Figures) Value(fig Figure) int64 {
	switch fig {
	case FigEvents:
		return f.Events
	case FigPeopleHelped:
		return f.PeopleHelped
	case FigFamiliesHelped:
		return f.FamiliesHelped
	case FigAidValue:
		return f.AidValueTiyn
	case FigMoneyRaised:
		return f.MoneyRaisedTiyn
	case FigPatrons:
		return f.Patrons
	case FigVolunteers:
		return f.Volunteers
	case FigVolunteerHours:
		return int64(f.VolunteerHours)
	}
	return f.AidByKind.Of(fig.Kind())
}

// Get returns the value of fig and true, or 0 and false when fig is
// suppressed. Everything shown to people reads figures through Get.
func (f *Figures) Get(fig Figure) (int64, bool) {
	if f.Suppressed.Has(fig) {
		return 0, false
	}
	return f.Value(fig), true
}

// set sets the value of fig.
func (f *Figures) set(fig Figure, v int64) {
	switch fig {
	case FigEvents:
		f.Events = v
	case FigPeopleHelped:
		f.PeopleHelped = v
	case FigFamiliesHelped:
		f.FamiliesHelped = v
	case FigAidValue:
		f.AidValueTiyn = v
	case FigMoneyRaised:
		f.MoneyRaisedTiyn = v
	case FigPatrons:
		f.Patrons = v
	case FigVolunteers:
		f.Volunteers = v
	case FigVolunteerHours:
		f.VolunteerHours = Minutes(v)
	default:
		f.AidByKind.Set(fig.Kind(), v)
	}
}

// FigureSet is a set of figures, written in JSON as a list of their names.
type FigureSet uint32

func figureBit(f Figure) FigureSet {
	for i, g := range AllFigures {
		if g == f {
			return 1 << i
		}
	}
	return 0
}

// SetOf returns the set of the given figures.
func SetOf(figs ...Figure) FigureSet {
	var s FigureSet
	for _, f := range figs {
		s |= figureBit(f)
	}
	return s
}

// Has reports whether f is in the set.
func (s FigureSet) Has(f Figure) bool { b := figureBit(f); return b != 0 && s&b != 0 }

// Len is the number of figures in the set.
func (s FigureSet) Len() int { return bits.OnesCount32(uint32(s)) }

// List returns the figures of the set in the order of AllFigures.
func (s FigureSet) List() []Figure {
	out := []Figure{}
	for _, f := range AllFigures {
		if s.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// MarshalJSON writes the set as a list of figure names.
func (s FigureSet) MarshalJSON() ([]byte, error) { return json.Marshal(s.List()) }

// UnmarshalJSON reads a list of figure names; unknown names are refused.
func (s *FigureSet) UnmarshalJSON(b []byte) error {
	var names []Figure
	if err := json.Unmarshal(b, &names); err != nil {
		return err
	}
	*s = 0
	for _, n := range names {
		bit := figureBit(n)
		if bit == 0 {
			return Errorf(EInvalid, "unknown figure %q", n)
		}
		*s |= bit
	}
	return nil
}

// figuresOf returns the figures that describe group p.
func figuresOf(p People) []Figure {
	var out []Figure
	for _, f := range AllFigures {
		if f.People() == p {
			out = append(out, f)
		}
	}
	return out
}

// population returns the number of people of group p that f describes:
// what suppression compares with the threshold.
func (f *Figures) population(p People) int64 {
	switch p {
	case Beneficiaries:
		return f.PeopleHelped
	case VolunteerPool:
		return f.Volunteers
	case PatronPool:
		return f.Patrons
	}
	return 0
}
