package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

const dateTimeLocal = "2006-01-02T15:04"

type eventForm struct {
	ID                                       int64
	E                                        parasat.Event
	Starts, Ends, Budget                     string
	Kinds, Regions, Leads, Partners, Patrons []option
	Targets                                  []option
	Errors                                   map[string]string
	Summary                                  string
}

// parseTenge reads an amount typed in tenge ("1 500 000", "2500,50") as tiyn.
func parseTenge(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "₸", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	whole, frac, hasFrac := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n < -1e12 || n > 1e12 {
		return 0, false
	}
	t := int64(0)
	if hasFrac {
		if len(frac) == 1 {
			frac += "0"
		}
		if len(frac) != 2 {
			return 0, false
		}
		if t, err = strconv.ParseInt(frac, 10, 64); err != nil || t < 0 {
			return 0, false
		}
	}
	if n < 0 {
		return n*100 - t, true
	}
	return n*100 + t, true
}

// tengeText writes tiyn as the form shows them: "1500000" or "2500,50".
func tengeText(tiyn int64) string {
	if tiyn%100 == 0 {
		return strconv.FormatInt(tiyn/100, 10)
	}
	return strconv.FormatInt(tiyn/100, 10) + "," + strconv.FormatInt(tiyn%100+100, 10)[1:]
}

func (s *Server) eventFormPage(w http.ResponseWriter, r *http.Request, status int, form eventForm) {
	p := s.newPage(w, r, "event.new", nil)
	if form.ID != 0 {
		p.Title = p.T.T("event.edit")
	}
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgs, err := s.services.Organisations.ListOrganisations(r.Context(), parasat.OrganisationFilter{SortByName: p.Lang, Limit: 500})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, o := range orgs {
		if parasat.Can(p.User, parasat.WriteEvent, parasat.Resource{Region: o.Region, OrganisationID: o.ID}) || o.ID == form.E.LeadID {
			form.Leads = append(form.Leads, option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name.Best(p.Lang), Checked: o.ID == form.E.LeadID})
		}
	}
	patrons, err := s.services.Patrons.ListPatrons(r.Context(), parasat.PatronFilter{Limit: 200,
		Visibility: visibility(p.User, parasat.ReadPatron)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, pt := range patrons {
		form.Patrons = append(form.Patrons, option{Value: strconv.FormatInt(pt.ID, 10), Label: pt.Name})
	}
	form.Patrons = marked(form.Patrons, ids(form.E.Patrons)...)
	form.Regions, form.Partners = marked(c.regions, form.E.Region), marked(c.orgs, ids(form.E.Partners)...)
	form.Kinds = eventKindOptions(p.T, string(form.E.Kind))
	for _, cat := range parasat.Categories {
		form.Targets = append(form.Targets, option{Value: string(cat), Label: p.T.T("category." + string(cat)),
			Checked: strings.Contains(","+joinCategories(form.E.TargetGroups)+",", ","+string(cat)+",")})
	}
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"}}
	if form.ID != 0 {
		p.Breadcrumbs = append(p.Breadcrumbs, crumb{form.E.Title.Best(p.Lang), "/events/" + strconv.FormatInt(form.ID, 10)})
	}
	p.Breadcrumbs = append(p.Breadcrumbs, crumb{p.Title, ""})
	p.Data = form
	s.render(w, status, "event_form", p)
}

func joinCategories(list []parasat.Category) string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = string(c)
	}
	return strings.Join(out, ",")
}

func (s *Server) handleNewEventForm(w http.ResponseWriter, r *http.Request) {
	start := time.Now().In(i18n.Zone()).AddDate(0, 0, 7).Truncate(time.Hour)
	e := parasat.Event{Kind: parasat.EventConcertVisit, Starts: start, Ends: start.Add(3 * time.Hour)}
	if orgs := currentUser(r.Context()).ManagedOrganisations(); len(orgs) > 0 {
		e.LeadID = orgs[0]
	}
	s.eventFormPage(w, r, http.StatusOK, formOfEvent(e))
}

func formOfEvent(e parasat.Event) eventForm {
	f := eventForm{ID: e.ID, E: e, Budget: tengeText(e.PlannedBudget)}
	if !e.Starts.IsZero() {
		f.Starts = e.Starts.In(i18n.Zone()).Format(dateTimeLocal)
	}
	if !e.Ends.IsZero() {
		f.Ends = e.Ends.In(i18n.Zone()).Format(dateTimeLocal)
	}
	return f
}

func (s *Server) handleEditEventForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.writablePageEvent(w, r)
	if !ok {
		return
	}
	s.eventFormPage(w, r, http.StatusOK, formOfEvent(*e))
}

// localTime is a datetime-local field of a form, in Kazakhstan's time, and
// where its value goes.
type localTime struct {
	text, field string
	into        *time.Time
}

// parseLocalTimes reads the fields that are filled in; bad gets the key of
// the message of each that is not a date and time.
func parseLocalTimes(bad map[string]string, fields ...localTime) {
	for _, t := range fields {
		if t.text == "" {
			continue
		}
		v, err := time.ParseInLocation(dateTimeLocal, t.text, i18n.Zone())
		if err != nil {
			bad[t.field] = "field.date_time"
			continue
		}
		*t.into = v
	}
}

// eventFromForm reads the form; bad holds the fields that could not be read.
func eventFromForm(r *http.Request) (eventForm, map[string]string) {
	f := func(name string) string { return r.PostFormValue(name) }
	e := parasat.Event{Title: parasat.Names{KK: f("title_kk"), RU: f("title_ru"), EN: f("title_en")},
		Description: parasat.Names{KK: f("description_kk"), RU: f("description_ru"), EN: f("description_en")},
		Kind:        parasat.EventKind(f("kind")), Address: f("address"), Region: f("region"), OccasionKey: f("occasion_key"),
		Published: f("published") == "yes"}
	e.LeadID, _ = strconv.ParseInt(f("lead_organisation_id"), 10, 64)
	for _, v := range r.PostForm["partners"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			e.Partners = append(e.Partners, id)
		}
	}
	for _, v := range r.PostForm["patrons"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			e.Patrons = append(e.Patrons, id)
		}
	}
	for _, v := range r.PostForm["target_groups"] {
		e.TargetGroups = append(e.TargetGroups, parasat.Category(v))
	}
	form := eventForm{E: e, Starts: f("starts_at"), Ends: f("ends_at"), Budget: f("planned_budget")}
	bad := map[string]string{}
	parseLocalTimes(bad, localTime{form.Starts, "starts_at", &form.E.Starts}, localTime{form.Ends, "ends_at", &form.E.Ends})
	var ok bool
	if form.E.PlannedBudget, ok = parseTenge(form.Budget); !ok {
		bad["planned_budget_tiyn"] = "field.amount"
	}
	return form, bad
}

// handleSaveEvent creates (POST /events) or updates (POST /events/{id}) an event.
func (s *Server) handleSaveEvent(w http.ResponseWriter, r *http.Request) {
	form, bad := eventFromForm(r)
	l := s.catalog.For(s.language(r))
	if r.PathValue("id") != "" {
		existing, ok := s.writablePageEvent(w, r)
		if !ok {
			return
		}
		form.ID, form.E.ID = existing.ID, existing.ID
		// Patrons the visitor may not see are not on the form: they stay.
		for _, id := range existing.Patrons {
			if pt, err := s.services.Patrons.Patron(r.Context(), id); err == nil &&
				!parasat.Can(currentUser(r.Context()), parasat.ReadPatron, pt.Resource()) {
				form.E.Patrons = append(form.E.Patrons, id)
			}
		}
	}
	form.E.Normalize()
	s.withDefaultRegion(r.Context(), &form.E)
	if !parasat.Can(currentUser(r.Context()), parasat.WriteEvent, form.E.WriteResource()) {
		form.Summary = l.T("event.not_allowed")
		s.eventFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	var err error
	if len(bad) == 0 {
		if form.ID == 0 {
			err = s.services.Events.CreateEvent(r.Context(), &form.E)
		} else {
			err = s.services.Events.UpdateEvent(r.Context(), &form.E)
		}
	}
	if err != nil || len(bad) > 0 {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, nil, err); !ok {
			s.pageError(w, r, err)
			return
		}
		for field, key := range bad {
			form.Errors[field] = l.T(key)
		}
		s.eventFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if form.ID == 0 {
		setFlash(w, "flash.event_created")
	} else {
		setFlash(w, "flash.saved")
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(form.E.ID, 10), http.StatusSeeOther)
}
