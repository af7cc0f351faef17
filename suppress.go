package parasat

import "sort"

// SmallCell is the smallest number of people a figure shown to the public
// may describe: a cell about 1 to 4 people is suppressed.
const SmallCell = 5

// Suppression, for everything the public can see.
//
// A cell is one figure of the summary or of one row of a breakdown. Each
// figure describes a group of people (Figure.People): the people helped
// (people_helped, families_helped, the value of aid and its split by kind),
// the volunteers (volunteers, volunteer_hours) or the patrons (patrons,
// money_raised_tiyn); events describe nobody and are always shown.
//
//  1. Primary: when a cell's group numbers 1 to 4 people (people_helped,
//     volunteers or patrons of that row), every figure of that group in the
//     row is suppressed. The value of one kind of help is judged by the
//     people who received that kind (people_helped_by_kind). Zero is shown:
//     it describes nobody.
//  2. Complementary: a suppressed cell must not be recoverable by
//     subtraction from a total that is shown — the row's value of aid for
//     its kinds, the breakdown's Total for a column, the subtotal of a group
//     of rows (BreakdownRow.Within: the months of a quarter). Whenever
//     exactly one cell of such a set is suppressed, one more is: the cell
//     describing the fewest people, non-zero first (then the smallest
//     value, then the key). This is repeated until nothing changes.
//     Distinct counts do not add up exactly, but they are protected the
//     same way, since a difference still bounds the hidden cell. A hidden
//     row alone in its breakdown needs no partner: where the rows divide
//     the total (periods, regions, organisations, kinds of help) a lone row
//     is the total, hidden by rule 1 already; where they do not (categories,
//     occasions: people without one are in no row), the total minus the row
//     is a group shown nowhere. So the total — the summary — never depends
//     on the breakdowns shown beside it, and every page and the API show
//     the same public figures for the same filter.
//  3. A suppressed value reads 0 and is listed in Suppressed; so are the
//     people helped with that kind.
//
// Suppression needs the true values, so it is applied once, to figures
// computed for a public page, never to figures stored or shown to staff.

// Suppress hides the summary's small cells (rules 1–3).
func (s *Summary) Suppress() {
	for s.Figures.protectCell() {
	}
	s.Figures.zeroSuppressed()
}

// Suppress hides the breakdown's small cells and protects them against
// subtraction from its Total and its groups of rows (rules 1–3).
func (b *Breakdown) Suppress() {
	for b.protect() {
	}
	b.zeroSuppressed()
}

// Suppress hides the small cells of the whole report; a figure suppressed
// in one breakdown's Total is suppressed in the summary and every other
// Total, since they are the same numbers.
func (r *Report) Suppress() {
	for changed := true; changed; {
		changed = r.Summary.Figures.protectCell()
		for i := range r.Breakdowns {
			b := &r.Breakdowns[i]
			b.Total.Suppressed |= r.Summary.Suppressed
			if b.protect() {
				changed = true
			}
			if extra := b.Total.Suppressed &^ r.Summary.Suppressed; extra != 0 {
				r.Summary.Suppressed |= extra
				changed = true
			}
		}
	}
	r.Summary.Figures.zeroSuppressed()
	for i := range r.Breakdowns {
		r.Breakdowns[i].Total.Suppressed = r.Summary.Suppressed
		r.Breakdowns[i].zeroSuppressed()
	}
	if r.LastYear != nil {
		r.LastYear.Suppress()
	}
}

// protectCell applies rule 1 to one set of figures and rule 2 to its split
// by kind; it reports whether anything more was suppressed.
func (f *Figures) protectCell() bool {
	before := f.Suppressed
	for _, g := range []People{Beneficiaries, VolunteerPool, PatronPool} {
		if n := f.population(g); n > 0 && n < SmallCell {
			f.Suppressed |= SetOf(figuresOf(g)...)
		}
	}
	for _, k := range KindsOfHelp {
		if n := f.PeopleByKind.Of(k); n > 0 && n < SmallCell {
			f.Suppressed |= SetOf(KindFigure(k))
		}
	}
	if !f.Suppressed.Has(FigAidValue) {
		cells := make([]cell, len(KindsOfHelp))
		for i, k := range KindsOfHelp {
			cells[i] = cell{key: string(k), f: f, fig: KindFigure(k)}
		}
		protectSet(cells) // five kinds: another is always there to hide
	}
	return f.Suppressed != before
}

// protect applies rules 1 and 2 once to every row and column.
func (b *Breakdown) protect() bool {
	changed := b.Total.protectCell()
	for i := range b.Rows {
		if b.Rows[i].protectCell() {
			changed = true
		}
	}
	groups := map[string][]int{}
	for i, r := range b.Rows {
		if r.Within != "" {
			groups[r.Within] = append(groups[r.Within], i)
		}
	}
	for _, fig := range AllFigures {
		if fig.People() == NoPeople {
			continue
		}
		all := make([]cell, len(b.Rows))
		for i := range b.Rows {
			all[i] = cell{key: b.Rows[i].Key, f: &b.Rows[i].Figures, fig: fig}
		}
		if !b.Total.Suppressed.Has(fig) && protectSet(all) {
			changed = true
		}
		for _, idx := range groups {
			sub := make([]cell, len(idx))
			for j, i := range idx {
				sub[j] = all[i]
			}
			if protectSet(sub) { // the subtotal is in another breakdown
				changed = true
			}
		}
	}
	return changed
}

// cell is one figure of one row, seen by rule 2.
type cell struct {
	key string
	f   *Figures
	fig Figure
}

func (c cell) hidden() bool { return c.f.Suppressed.Has(c.fig) }

// people is the number of people the cell describes.
func (c cell) people() int64 {
	if k := c.fig.Kind(); k != "" {
		return c.f.PeopleByKind.Of(k)
	}
	return c.f.population(c.fig.People())
}

// protectSet applies rule 2 to cells whose total is shown: when exactly
// one is hidden, it hides another, if there is one. It reports whether it
// hid anything.
func protectSet(cells []cell) bool {
	var shown []cell
	hidden := 0
	for _, c := range cells {
		if c.hidden() {
			hidden++
		} else {
			shown = append(shown, c)
		}
	}
	if hidden != 1 || len(shown) == 0 {
		return false
	}
	sort.SliceStable(shown, func(i, j int) bool {
		a, b := shown[i], shown[j]
		if (a.people() > 0) != (b.people() > 0) {
			return a.people() > 0
		}
		if a.people() != b.people() {
			return a.people() < b.people()
		}
		if va, vb := a.f.Value(a.fig), b.f.Value(b.fig); va != vb {
			return va < vb
		}
		return a.key < b.key
	})
	shown[0].f.hide(shown[0].fig)
	return true
}

// hide suppresses fig; outside the split by kind, with every figure of
// its group, since they describe the same people.
func (f *Figures) hide(fig Figure) {
	if fig.Kind() != "" {
		f.Suppressed |= SetOf(fig)
		return
	}
	f.Suppressed |= SetOf(figuresOf(fig.People())...)
}

func (f *Figures) zeroSuppressed() {
	for _, fig := range f.Suppressed.List() {
		f.set(fig, 0)
		if k := fig.Kind(); k != "" {
			f.PeopleByKind.Set(k, 0)
		}
	}
}

func (b *Breakdown) zeroSuppressed() {
	b.Total.zeroSuppressed()
	for i := range b.Rows {
		b.Rows[i].zeroSuppressed()
	}
}
