// Package report writes what Parasat says about its figures: the press
// statement in Kazakh, Russian and English, with numbers said the way
// people say them, and the definitions of every figure.
//
// The statement is grammar, not a list of messages: Russian nouns after a
// number take one of three forms and the verb agrees with the number,
// amounts after "более" take the genitive, Kazakh endings follow the
// harmony of the word (or of the number read aloud) they attach to. So
// each language has its own writer here (kazakh_statement.go,
// russian_statement.go, english_statement.go) rather than catalogue
// messages; numbers are formatted by i18n like everywhere else.
package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// Statement is the press text of a report in one language.
type Statement struct {
	Lang      parasat.Language
	Sentences []string
}

// Text is the statement as one paragraph.
func (s Statement) Text() string { return strings.Join(s.Sentences, " ") }

// facts is what a statement can say: the figures that are shown (not
// suppressed, meaningful for the filter), zero for the rest.
type facts struct {
	period     parasat.Period
	sinceJan   bool // from 1 January to today: "since the beginning of the year"
	events     int64
	people     int64
	families   int64
	aidTiyn    int64
	devTiyn    int64 // development help, said when the filter is not one kind
	raisedTiyn int64
	patrons    int64
	volunteers int64
	minutes    int64
	authors    []parasat.OrganiserCount
	quarters   []quarter
	withYear   bool // the quarters span years, so name the year
}

// quarter is what the statement says of one whole quarter of the period.
type quarter struct {
	year, q                 int
	events, people, aidTiyn int64
}

// shown returns the figure if it may be said, else 0.
func shown(f *parasat.Figures, fig parasat.Figure, ok parasat.FigureSet) int64 {
	if !ok.Has(fig) {
		return 0
	}
	v, _ := f.Get(fig)
	return v
}

func factsOf(r *parasat.Report, today parasat.Date) *facts {
	s := &r.Summary
	ok := s.Filter.Applicable()
	p := s.Filter.Period
	f := &facts{
		period:     p,
		sinceJan:   p.To.Equal(today.Time) && p.From.Equal(parasat.YearToDate(today).From.Time) && p.Kind() != parasat.PeriodYear,
		events:     shown(&s.Figures, parasat.FigEvents, ok),
		people:     shown(&s.Figures, parasat.FigPeopleHelped, ok),
		families:   shown(&s.Figures, parasat.FigFamiliesHelped, ok),
		aidTiyn:    shown(&s.Figures, parasat.FigAidValue, ok),
		raisedTiyn: shown(&s.Figures, parasat.FigMoneyRaised, ok),
		patrons:    shown(&s.Figures, parasat.FigPatrons, ok),
		volunteers: shown(&s.Figures, parasat.FigVolunteers, ok),
		minutes:    shown(&s.Figures, parasat.FigVolunteerHours, ok),
		withYear:   p.From.Year() != p.To.Year(),
	}
	if s.Filter.Kind == "" && f.aidTiyn > 0 {
		f.devTiyn = shown(&s.Figures, parasat.FigAidDevelopment, ok)
	}
	for _, t := range parasat.OrganisationTypes {
		for _, o := range s.Organisers {
			if o.Type == t && o.Count > 0 && t != parasat.OrgAssembly {
				f.authors = append(f.authors, o)
			}
		}
	}
	if b := r.Breakdown(parasat.ByQuarter); b != nil && len(p.Quarters()) > 1 {
		for i := range b.Rows {
			row := &b.Rows[i]
			if row.Period == nil || row.Period.Kind() != parasat.PeriodQuarter {
				continue // a part of a quarter at either end of the period
			}
			f.quarters = append(f.quarters, quarter{year: row.Period.From.Year(), q: row.Period.Quarter(),
				events: shown(&row.Figures, parasat.FigEvents, ok), people: shown(&row.Figures, parasat.FigPeopleHelped, ok),
				aidTiyn: shown(&row.Figures, parasat.FigAidValue, ok)})
		}
	}
	return f
}

// writer writes the sentences of one language. Each returns "" when it
// has nothing to say. The first sentence said opens with the period
// (opening is its phrase), the others get "".
type writer interface {
	period(f *facts) string
	lead(f *facts, opening string) string
	help(f *facts, opening string) string
	development(f *facts) string
	donations(f *facts, opening string) string
	volunteers(f *facts, opening string) string
	quarter(f *facts, q quarter) string
}

// Write writes the statement of r in l's language. today decides whether
// a period from 1 January to today is "since the beginning of the year".
// Figures that are zero, suppressed or meaningless for the filter are left
// out; a report with nothing to say gives no sentences.
func Write(l *i18n.Localizer, r *parasat.Report, today parasat.Date) Statement {
	f := factsOf(r, today)
	var w writer
	switch l.Lang() {
	case parasat.Russian:
		w = russian{l}
	case parasat.English:
		w = english{l}
	default:
		w = kazakh{l}
	}
	st := Statement{Lang: l.Lang()}
	opening := w.period(f)
	add := func(s string) {
		if s != "" {
			st.Sentences = append(st.Sentences, s)
			opening = ""
		}
	}
	add(w.lead(f, opening))
	add(w.help(f, opening))
	if f.people > 0 || f.aidTiyn > 0 {
		add(w.development(f))
	}
	add(w.donations(f, opening))
	add(w.volunteers(f, opening))
	if len(st.Sentences) > 0 && f.events > 0 {
		for _, q := range f.quarters {
			add(w.quarter(f, q))
		}
	}
	return st
}

// sentence joins the non-empty parts with spaces, starts it with a
// capital letter and ends it with a full stop.
func sentence(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	s := strings.Join(kept, " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

// list joins items as "a, b and c" with the given conjunction.
func list(items []string, and func(prev string) string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	last := len(items) - 1
	return strings.Join(items[:last], ", ") + " " + and(items[last-1]) + " " + items[last]
}

// hours splits volunteer minutes into whole hours and whether minutes
// were cut off.
func hours(minutes int64) (int64, bool) { return minutes / 60, minutes%60 != 0 }
