package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type pledgesPage struct {
	Rows      []pledgeRow
	Next      string
	CanCreate bool
}

func (s *Server) handlePledges(w http.ResponseWriter, r *http.Request) {
	before, _, _ := parseCursor(r.URL.Query().Get("before"))
	u := currentUser(r.Context())
	items, err := s.services.Pledges.ListPledges(r.Context(), parasat.PledgeFilter{Before: before, Limit: 50,
		Visibility: visibility(u, parasat.ReadGift)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "pledge.title", nil)
	names := map[parasat.Designation]string{}
	data := pledgesPage{CanCreate: parasat.CanSome(u, parasat.RecordMoney)}
	for _, pl := range items {
		d := pl.Designation()
		if _, ok := names[d]; !ok {
			names[d] = s.pledgeTargetName(r, p.Lang, d)
		}
		data.Rows = append(data.Rows, newPledgeRow(u, pl, names[d]))
	}
	if len(items) == 50 {
		data.Next = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	p.Data = data
	s.render(w, http.StatusOK, "pledges", p)
}

type pledgeForm struct {
	P                               parasat.Pledge
	Target, Amount, StartsOn, DueOn string
	Patrons, Targets, Schedule      []option
	Errors                          map[string]string
	Summary                         string
}

// pledgeTargetName is the name of the campaign or event a pledge is for, in
// the page's language; empty when it cannot be read.
func (s *Server) pledgeTargetName(r *http.Request, lang parasat.Language, d parasat.Designation) string {
	if d.Kind == parasat.DesignateEvent {
		if e, err := s.services.Events.Event(r.Context(), d.ID); err == nil {
			return e.Title.Best(lang)
		}
		return ""
	}
	if c, err := s.services.Campaigns.Campaign(r.Context(), d.ID); err == nil {
		return c.Name.Best(lang)
	}
	return ""
}

// pledgeTarget reads the campaign or event chosen on the pledge form
// ("campaign:3", "event:12") into the pledge.
func pledgeTarget(p *parasat.Pledge, value string) {
	switch d := parseDesignation(value); d.Kind {
	case parasat.DesignateCampaign:
		p.CampaignID = d.ID
	case parasat.DesignateEvent:
		p.EventID = d.ID
	}
}

func (s *Server) pledgeFormPage(w http.ResponseWriter, r *http.Request, status int, form pledgeForm) {
	p := s.newPage(w, r, "pledge.new", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.RecordMoney, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, f := range c.funds {
		if d := parseDesignation(f.Value); d.Kind == parasat.DesignateCampaign {
			form.Targets = append(form.Targets, f)
		}
	}
	events, err := s.eventFundOptions(r, p.T, parasat.RecordMoney, c.orgNames, form.Target)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Targets = marked(append(form.Targets, events...), form.Target)
	form.Patrons = marked(c.patrons, strconv.FormatInt(form.P.PatronID, 10))
	form.Schedule = simpleOptions(p.T, "schedule.", parasat.PledgeSchedules, form.P.Schedule)
	p.Breadcrumbs = []crumb{{p.T.T("pledge.title"), "/pledges"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "pledge_form", p)
}

func (s *Server) handleNewPledgeForm(w http.ResponseWriter, r *http.Request) {
	target := ""
	if id, _ := strconv.ParseInt(r.URL.Query().Get("event"), 10, 64); id > 0 {
		target = designationValue(parasat.Designation{Kind: parasat.DesignateEvent, ID: id})
	} else if id, _ := strconv.ParseInt(r.URL.Query().Get("campaign"), 10, 64); id > 0 {
		target = designationValue(parasat.Designation{Kind: parasat.DesignateCampaign, ID: id})
	}
	t := today()
	s.pledgeFormPage(w, r, http.StatusOK, pledgeForm{P: parasat.Pledge{Schedule: parasat.PledgeMonthly}, Target: target,
		StartsOn: t.String(), DueOn: t.AddDate(0, 1, 0).Format("2006-01-02")})
}

func (s *Server) handleSavePledge(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	var bad []string
	pl := parasat.Pledge{PatronID: formInt(r, "patron"), Schedule: parasat.PledgeSchedule(r.PostFormValue("schedule")),
		Amount: formMoney(r, "amount", &bad), Months: int(formInt(r, "months")), Notes: r.PostFormValue("notes")}
	pledgeTarget(&pl, r.PostFormValue("target"))
	if d := dayField(r, "starts_on", &bad); !d.IsZero() {
		pl.StartsOn = &d
	}
	if d := dayField(r, "due_on", &bad); !d.IsZero() {
		pl.DueOn = &d
	}
	form := pledgeForm{P: pl, Target: r.PostFormValue("target"), Amount: r.PostFormValue("amount"), StartsOn: r.PostFormValue("starts_on"),
		DueOn: r.PostFormValue("due_on")}
	if pl.CampaignID > 0 || pl.EventID > 0 {
		if res, err := s.services.Ledger.FundResource(r.Context(), pl.Designation()); err == nil &&
			!parasat.Can(currentUser(r.Context()), parasat.RecordMoney, res) {
			s.forbidden(w, r)
			return
		}
	}
	var err error
	if len(bad) == 0 {
		err = s.services.Pledges.CreatePledge(r.Context(), &pl)
	}
	if len(bad) > 0 || err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		tagMoneyFields(l, form.Errors, bad, "amount")
		if m := form.Errors["amount"]; m != "" {
			form.Errors["amount_tiyn"] = m
		}
		s.pledgeFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.pledge_recorded")
	if pl.EventID != 0 {
		http.Redirect(w, r, "/events/"+strconv.FormatInt(pl.EventID, 10), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/campaigns/"+strconv.FormatInt(pl.CampaignID, 10), http.StatusSeeOther)
}

func (s *Server) registerPledgePages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /pledges", parasat.ReadGift, s.handlePledges)
	s.handlePage(mux, "GET /pledges/new", parasat.RecordMoney, s.handleNewPledgeForm)
	s.handlePage(mux, "POST /pledges", parasat.RecordMoney, s.handleSavePledge)
}
