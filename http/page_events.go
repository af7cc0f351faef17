package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// eventRow is an event as a list shows it, with names already looked up.
type eventRow struct {
	E          parasat.Event
	Title      string
	Lead       string
	RegionName string
}

type eventsPage struct {
	Upcoming, Past []eventRow
	CanCreate      bool
	CanManage      bool
}

// eventNames looks up, in the page's language, the organisations and
// regions a page of events names.
func (s *Server) eventNames(r *http.Request, lang parasat.Language) (map[int64]string, map[string]parasat.Region, error) {
	orgs, err := s.services.Organisations.ListOrganisations(r.Context(), parasat.OrganisationFilter{Limit: 500})
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name.Best(lang)
	}
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		return nil, nil, err
	}
	byCode := map[string]parasat.Region{}
	for _, rg := range regions {
		byCode[rg.Code] = rg
	}
	return names, byCode, nil
}

func rows(list []parasat.Event, lang parasat.Language, orgs map[int64]string, regions map[string]parasat.Region) []eventRow {
	out := make([]eventRow, len(list))
	for i, e := range list {
		rg := regions[e.Region]
		out[i] = eventRow{E: e, Title: e.Title.Best(lang), Lead: orgs[e.LeadID], RegionName: rg.NameAt(lang, e.Starts)}
	}
	return out
}

// handlePublicEvents is the public calendar: upcoming and recent published events.
func (s *Server) handlePublicEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	today := parasat.DayInKazakhstan(time.Now())
	yesterday := parasat.Date{Time: today.AddDate(0, 0, -1)}
	upcoming, err := s.services.Events.ListEvents(ctx, parasat.EventFilter{PublishedOnly: true, From: &today, Limit: 30})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	past, err := s.services.Events.ListEvents(ctx, parasat.EventFilter{PublishedOnly: true, To: &yesterday, Descending: true,
		Statuses: []parasat.EventStatus{parasat.EventHeld, parasat.EventReported}, Limit: 30})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.events", nil)
	orgs, regions, err := s.eventNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = eventsPage{Upcoming: rows(upcoming, p.Lang, orgs, regions), Past: rows(past, p.Lang, orgs, regions),
		CanCreate: parasat.CanSome(p.User, parasat.WriteEvent), CanManage: parasat.CanSome(p.User, parasat.ReadEvent)}
	s.render(w, http.StatusOK, "events", p)
}

type eventsAllPage struct {
	Items                        []eventRow
	Regions, Orgs, Kinds, States []option
	Region, Organisation         string
	Kind, Status, Query, Next    string
	CanCreate                    bool
}

// handleAllEvents lists every event the staff member may read, with filters.
func (s *Server) handleAllEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := parasat.EventFilter{Region: q.Get("region"), Kind: parasat.EventKind(q.Get("kind")), Query: q.Get("q"),
		Descending: true, Limit: 50, Visibility: visibility(currentUser(r.Context()), parasat.ReadEvent)}
	f.Organisation, _ = strconv.ParseInt(q.Get("organisation"), 10, 64)
	if st := parasat.EventStatus(q.Get("status")); st.Valid() {
		f.Statuses = []parasat.EventStatus{st}
	}
	f.AfterStart, f.AfterID, _ = parseEventCursor(q.Get("after"))
	items, err := s.services.Events.ListEvents(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "event.all", nil)
	orgs, regions, err := s.eventNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := eventsAllPage{Items: rows(items, p.Lang, orgs, regions), Region: f.Region, Organisation: q.Get("organisation"),
		Kind: string(f.Kind), Status: q.Get("status"), Query: f.Query, CanCreate: parasat.CanSome(p.User, parasat.WriteEvent)}
	data.Regions, data.Orgs = marked(c.regions, f.Region), marked(c.orgs, data.Organisation)
	data.Kinds, data.States = eventKindOptions(p.T, data.Kind), eventStatusOptions(p.T, data.Status)
	if len(items) == f.Limit {
		data.Next = eventCursor(items[len(items)-1])
	}
	p.Data = data
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"}, {p.T.T("event.all"), ""}}
	s.render(w, http.StatusOK, "events_all", p)
}

func eventKindOptions(l *i18n.Localizer, checked string) []option {
	labels := map[parasat.EventKind]string{
		parasat.EventConcertVisit: l.T("event.kind_concert_visit"), parasat.EventDistribution: l.T("event.kind_distribution"),
		parasat.EventFundraiser: l.T("event.kind_fundraiser"), parasat.EventMedicalHelp: l.T("event.kind_medical_help"),
		parasat.EventRepair: l.T("event.kind_repair"), parasat.EventTraining: l.T("event.kind_training"),
		parasat.EventSportsCulture: l.T("event.kind_sports_culture"), parasat.EventOther: l.T("event.kind_other")}
	out := make([]option, len(parasat.EventKinds))
	for i, k := range parasat.EventKinds {
		out[i] = option{Value: string(k), Label: labels[k], Checked: string(k) == checked}
	}
	return out
}

func eventStatusOptions(l *i18n.Localizer, checked string) []option {
	labels := map[parasat.EventStatus]string{parasat.EventPlanned: l.T("event.status_planned"),
		parasat.EventHeld: l.T("event.status_held"), parasat.EventReported: l.T("event.status_reported"),
		parasat.EventCancelled: l.T("event.status_cancelled")}
	out := make([]option, len(parasat.EventStatuses))
	for i, st := range parasat.EventStatuses {
		out[i] = option{Value: string(st), Label: labels[st], Checked: string(st) == checked}
	}
	return out
}

// pageEvent loads the event of the path that the visitor may see: a
// published one, or one the policy lets them read.
func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) (*parasat.Event, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	e, err := s.services.Events.Event(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if !e.Published && !parasat.Can(currentUser(r.Context()), parasat.ReadEvent, e.Resource()) {
		s.notFound(w, r)
		return nil, false
	}
	return e, true
}

// writablePageEvent loads the event of the path that the visitor may change.
func (s *Server) writablePageEvent(w http.ResponseWriter, r *http.Request) (*parasat.Event, bool) {
	e, ok := s.pageEvent(w, r)
	if ok && !parasat.Can(currentUser(r.Context()), parasat.WriteEvent, e.WriteResource()) {
		s.forbidden(w, r)
		return nil, false
	}
	return e, ok
}

// handleEventPhoto serves the event's photo to whoever may see the event.
func (s *Server) handleEventPhoto(w http.ResponseWriter, r *http.Request) {
	e, ok := s.pageEvent(w, r)
	if !ok {
		return
	}
	ph, err := s.services.Events.EventPhoto(r.Context(), e.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", ph.Updated, bytesReader(ph.Data))
}

func (s *Server) registerEventPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /events", parasat.ReadPublished, s.handlePublicEvents)
	s.handlePage(mux, "GET /events/all", parasat.ReadEvent, s.handleAllEvents)
	s.handlePage(mux, "GET /events/new", parasat.WriteEvent, s.handleNewEventForm)
	s.handlePage(mux, "POST /events", parasat.WriteEvent, s.handleSaveEvent)
	s.handlePage(mux, "GET /events/{id}", parasat.ReadPublished, s.handleEvent)
	s.handlePage(mux, "GET /events/{id}/photo", parasat.ReadPublished, s.handleEventPhoto)
	s.handlePage(mux, "GET /events/{id}/transparency.csv", parasat.ReadPublished, s.handleEventCSV)
	s.handlePage(mux, "POST /events/{id}/photo", parasat.WriteEvent, s.handleUploadEventPhoto)
	s.handlePage(mux, "GET /events/{id}/edit", parasat.WriteEvent, s.handleEditEventForm)
	s.handlePage(mux, "POST /events/{id}", parasat.WriteEvent, s.handleSaveEvent)
	s.handlePage(mux, "POST /events/{id}/hold", parasat.WriteEvent, s.handleHoldEvent)
	s.handlePage(mux, "POST /events/{id}/cancel", parasat.WriteEvent, s.handleCancelEvent)
	s.handlePage(mux, "POST /events/{id}/report", parasat.WriteEvent, s.handleReportEvent)
	s.handlePage(mux, "GET /events/{id}/aid", parasat.WriteAid, s.handleEventAidForm)
	s.handlePage(mux, "POST /events/{id}/aid", parasat.WriteAid, s.handleRecordEventAid)
	s.handlePage(mux, "POST /aid/{id}/delete", parasat.WriteAid, s.handleDeleteAid)
}
