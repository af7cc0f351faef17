package http

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// eventView is what the event page shows. The public part names no one
// helped; the aid list is for those who may read the event's aid, with a
// person's name only where they may read that person.
type eventView struct {
	E                  *parasat.Event
	Title, Description string
	KindLabel          string
	StatusLabel        string
	RegionName         string
	Lead               option
	Partners, Patrons  []option
	Targets            []string
	Results            *parasat.EventResults
	ByKind             []kindValue
	Hours              string
	Aid                []aidRow
	AidNext            string
	CanEdit, CanAid    bool
	CanHold, CanCancel bool
	CanReport          bool
	CanAudit           bool
	Report             reportForm
	Shifts             *eventShiftsView
	Money              *eventMoney
}

type kindValue struct {
	Label string
	Tiyn  int64
}

// aidRow is one aid record on the event page.
type aidRow struct {
	A         parasat.AidRecord
	Recipient string // a name, or "a person" to those who may not read it
	Href      string
	What      string
	Giver     string
	CanDelete bool
}

// reportForm is the report's form, sent back with its errors.
type reportForm struct {
	Volunteers, Hours string
	Errors            map[string]string
	Summary           string
}

// hoursText shows minutes as hours with at most one decimal: 90 → "1,5".
func hoursText(l *i18n.Localizer, minutes int64, lang parasat.Language) string {
	whole, tenth := minutes/60, minutes%60*10/60
	s := l.Number(whole)
	if tenth != 0 {
		sep := ","
		if lang == parasat.English {
			sep = "."
		}
		s += sep + strconv.FormatInt(tenth, 10)
	}
	return s
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	e, ok := s.pageEvent(w, r)
	if !ok {
		return
	}
	s.eventPage(w, r, http.StatusOK, e, reportForm{})
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request, status int, e *parasat.Event, form reportForm) {
	ctx := r.Context()
	p := s.newPage(w, r, "nav.events", nil)
	u := p.User
	orgs, regions, err := s.eventNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	results, err := s.services.Events.EventResults(ctx, e.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !parasat.Can(u, parasat.ReadEvent, e.Resource()) {
		results.Suppress() // as the public sees reports: nobody recognisable
	}
	rg := regions[e.Region]
	v := eventView{E: e, Title: e.Title.Best(p.Lang), Description: e.Description.Best(p.Lang), RegionName: rg.NameAt(p.Lang, e.Starts),
		KindLabel: labelOf(eventKindOptions(p.T, ""), string(e.Kind)), StatusLabel: labelOf(eventStatusOptions(p.T, ""), string(e.Status)),
		Lead: option{Value: strconv.FormatInt(e.LeadID, 10), Label: orgs[e.LeadID]}, Results: results, Report: form}
	for _, id := range e.Partners {
		v.Partners = append(v.Partners, option{Value: strconv.FormatInt(id, 10), Label: orgs[id]})
	}
	for _, c := range e.TargetGroups {
		v.Targets = append(v.Targets, p.T.T("category."+string(c)))
	}
	v.Patrons = s.eventPatrons(ctx, u, e, p.T)
	for _, k := range parasat.AidKinds {
		if t, ok := results.ValueByKind[k]; ok {
			v.ByKind = append(v.ByKind, kindValue{Label: p.T.T(aidKindKey(k)), Tiyn: t})
		}
	}
	if results.VolunteerMinutes != nil {
		v.Hours = hoursText(p.T, *results.VolunteerMinutes, p.Lang)
	}
	write := parasat.Can(u, parasat.WriteEvent, e.WriteResource())
	started := !e.Starts.After(time.Now())
	v.CanEdit, v.CanAudit = write, parasat.Can(u, parasat.ReadAudit, parasat.Resource{Region: e.Region})
	v.CanHold = write && e.Status == parasat.EventPlanned && started
	v.CanCancel = write && e.Status == parasat.EventPlanned
	v.CanReport = write && e.Status == parasat.EventHeld
	v.CanAid = started && (e.Status == parasat.EventPlanned || e.Status == parasat.EventHeld) &&
		parasat.Can(u, parasat.WriteAid, parasat.Resource{Region: e.Region, OrganisationID: e.LeadID, Organisations: e.Organisations()})
	if form.Volunteers == "" && results.Volunteers != nil {
		v.Report.Volunteers, v.Report.Hours = strconv.Itoa(*results.Volunteers), v.Hours
	}
	// An event with shifts prefills its report from their confirmed hours.
	if v.Shifts, err = s.eventShiftsBlock(r, p, e, write); err == nil {
		err = s.prefillReport(ctx, p.T, p.Lang, e, &v)
	}
	if err == nil {
		v.Money, err = s.eventMoneyBlock(ctx, p.T, e)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if parasat.Can(u, parasat.ReadAid, parasat.Resource{Region: e.Region, Organisations: e.Organisations()}) {
		after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
		if v.Aid, v.AidNext, err = s.eventAidRows(ctx, p.T, e, orgs, after); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data, p.Title = v, v.Title
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"}, {p.Title, ""}}
	s.render(w, status, "event", p)
}

func labelOf(options []option, value string) string {
	for _, o := range options {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// eventPatrons names the event's patrons: to the public only those who
// agreed to be named, to staff who may read a patron every one.
func (s *Server) eventPatrons(ctx context.Context, u *parasat.User, e *parasat.Event, l *i18n.Localizer) []option {
	var out []option
	unnamed := 0
	for _, id := range e.Patrons {
		pt, err := s.services.Patrons.Patron(ctx, id)
		if err != nil {
			continue
		}
		switch {
		case parasat.Can(u, parasat.ReadPatron, pt.Resource()):
			out = append(out, option{Value: "/patrons/" + strconv.FormatInt(id, 10), Label: pt.Name})
		case pt.PublicConsent:
			out = append(out, option{Label: pt.Name})
		default:
			unnamed++
		}
	}
	if unnamed > 0 {
		out = append(out, option{Label: l.N("event.unnamed_patrons", unnamed)})
	}
	return out
}

const aidPageSize = 100

// eventAidRows is one page of the event's aid records as the page lists them.
func (s *Server) eventAidRows(ctx context.Context, l *i18n.Localizer, e *parasat.Event, orgs map[int64]string, after int64) ([]aidRow, string, error) {
	list, err := s.services.Aid.ListAid(ctx, parasat.AidFilter{Event: e.ID, After: after, Limit: aidPageSize,
		Visibility: parasat.Visibility{All: true}})
	if err != nil {
		return nil, "", err
	}
	u := currentUser(ctx)
	out := make([]aidRow, len(list))
	for i, a := range list {
		row := aidRow{A: a, Giver: orgs[a.OrganisationID], What: l.T(aidItemKey(a.Item)),
			CanDelete: e.Status != parasat.EventReported && parasat.Can(u, parasat.WriteAid, a.Resource(e.LeadID))}
		switch a.Recipient {
		case parasat.RecipientGroup:
			row.Recipient = l.N("aid.group_of", a.GroupSize)
		case parasat.RecipientBeneficiary:
			row.Recipient = l.T("aid.a_person")
			if b, err := s.services.Beneficiaries.Beneficiary(ctx, *a.BeneficiaryID); err == nil && parasat.Can(u, parasat.ReadBeneficiary, b.Resource()) {
				row.Recipient, row.Href = b.FullName, "/beneficiaries/"+strconv.FormatInt(b.ID, 10)
			}
		case parasat.RecipientHousehold:
			row.Recipient = l.T("aid.a_household")
			if h, err := s.services.Households.Household(ctx, *a.HouseholdID); err == nil &&
				parasat.Can(u, parasat.ReadBeneficiary, parasat.Resource{Region: h.Region}) {
				row.Recipient, row.Href = h.Name, "/households/"+strconv.FormatInt(h.ID, 10)
			}
		}
		out[i] = row
	}
	next := ""
	if len(list) == aidPageSize {
		next = strconv.FormatInt(list[len(list)-1].ID, 10)
	}
	return out, next, nil
}
