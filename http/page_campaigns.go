package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type campaignsPage struct {
	Items     []parasat.Campaign
	OrgNames  map[int64]string
	Next      string
	CanCreate bool
}

func (s *Server) handleCampaigns(w http.ResponseWriter, r *http.Request) {
	before, _, _ := parseCursor(r.URL.Query().Get("before"))
	items, err := s.services.Campaigns.ListCampaigns(r.Context(), parasat.CampaignFilter{Before: before, Limit: 50})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.campaigns", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.ManageCampaign, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := campaignsPage{Items: items, OrgNames: c.orgNames, CanCreate: len(c.orgs) > 0}
	if len(items) == 50 {
		data.Next = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	p.Data = data
	s.render(w, http.StatusOK, "campaigns", p)
}

type campaignView struct {
	C           *parasat.Campaign
	T           *parasat.Transparency
	Spending    []figure
	Lead        string
	Partners    []option
	Pledges     pledgeList
	CanEdit     bool
	CanRecord   bool
	Progress    int
	Outstanding int64
}

// pledgeRow is a pledge with what is overdue today, the campaign or event
// it is for, and the gift form that fulfils it for those who may record one.
type pledgeRow struct {
	P                          parasat.Pledge
	Promised, Overdue, Missing int64
	TargetName, TargetPath     string
	GiftPath                   string
}

func newPledgeRow(u *parasat.User, p parasat.Pledge, target string) pledgeRow {
	t := today()
	row := pledgeRow{P: p, Promised: p.Promised(), Overdue: p.Overdue(t), Missing: p.Outstanding(), TargetName: target,
		TargetPath: "/campaigns/" + strconv.FormatInt(p.CampaignID, 10)}
	if p.EventID != 0 {
		row.TargetPath = "/events/" + strconv.FormatInt(p.EventID, 10)
	}
	if parasat.Can(u, parasat.RecordMoney, p.Resource()) {
		row.GiftPath = "/donations/new?pledge=" + strconv.FormatInt(p.ID, 10)
	}
	return row
}

// pledgeList is the pledges of one campaign or event with what they add up
// to: promised, received and overdue today.
type pledgeList struct {
	Rows                        []pledgeRow
	Promised, Received, Overdue int64
}

// pledgesOf lists the pledges to a campaign or an event that the person may
// see, with their totals.
func (s *Server) pledgesOf(ctx context.Context, f parasat.PledgeFilter) (pledgeList, error) {
	u := currentUser(ctx)
	f.Limit, f.Visibility = 200, visibility(u, parasat.ReadGift)
	pledges, err := s.services.Pledges.ListPledges(ctx, f)
	if err != nil {
		return pledgeList{}, err
	}
	var out pledgeList
	for _, pl := range pledges {
		row := newPledgeRow(u, pl, "")
		out.Rows = append(out.Rows, row)
		out.Promised, out.Received, out.Overdue = out.Promised+row.Promised, out.Received+pl.Received, out.Overdue+row.Overdue
	}
	return out, nil
}

func (s *Server) handleCampaign(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	t, err := s.services.Transparency.CampaignTransparency(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.campaigns", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.ReadPublished, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cm := t.Campaign
	data := campaignView{C: cm, T: t, Spending: spendingRows(p.T, t), Lead: c.orgNames[cm.OrganisationID], Progress: cm.Progress(),
		CanEdit: parasat.Can(p.User, parasat.ManageCampaign, cm.Resource()), CanRecord: parasat.Can(p.User, parasat.RecordMoney, cm.Resource())}
	for _, o := range cm.Partners {
		data.Partners = append(data.Partners, option{Value: strconv.FormatInt(o, 10), Label: c.orgNames[o]})
	}
	if data.CanRecord {
		if data.Pledges, err = s.pledgesOf(r.Context(), parasat.PledgeFilter{CampaignID: cm.ID}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data, p.Title = data, cm.Name.Best(p.Lang)
	p.Breadcrumbs = []crumb{{p.T.T("nav.campaigns"), "/campaigns"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "campaign", p)
}

type campaignForm struct {
	ID                int64
	C                 parasat.Campaign
	Target            string
	StartsOn, EndsOn  string
	Orgs, PartnerOrgs []option
	Errors            map[string]string
	Summary           string
}

func (s *Server) campaignFormPage(w http.ResponseWriter, r *http.Request, status int, form campaignForm) {
	p := s.newPage(w, r, "campaign.new", nil)
	if form.ID != 0 {
		p.Title = p.T.T("campaign.edit")
	}
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.ManageCampaign, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	all, err := s.loadMoneyChoices(r, p.Lang, parasat.ReadPublished, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Orgs = marked(c.orgs, strconv.FormatInt(form.C.OrganisationID, 10))
	form.PartnerOrgs = marked(all.orgs, ids(form.C.Partners)...)
	p.Breadcrumbs = []crumb{{p.T.T("nav.campaigns"), "/campaigns"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "campaign_form", p)
}

func (s *Server) handleNewCampaignForm(w http.ResponseWriter, r *http.Request) {
	t := today()
	s.campaignFormPage(w, r, http.StatusOK, campaignForm{StartsOn: t.String(), EndsOn: t.AddDate(0, 3, 0).Format("2006-01-02")})
}

func (s *Server) handleEditCampaignForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	c, err := s.services.Campaigns.Campaign(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !parasat.Can(currentUser(r.Context()), parasat.ManageCampaign, c.Resource()) {
		s.forbidden(w, r)
		return
	}
	s.campaignFormPage(w, r, http.StatusOK, campaignForm{ID: c.ID, C: *c, Target: tengeText(c.Target),
		StartsOn: c.StartsOn.String(), EndsOn: c.EndsOn.String()})
}

// handleSaveCampaign creates (POST /campaigns) or changes (POST /campaigns/{id}) a campaign.
func (s *Server) handleSaveCampaign(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	l := s.catalog.For(s.language(r))
	var bad []string
	c := parasat.Campaign{Name: parasat.Names{KK: r.PostFormValue("name_kk"), RU: r.PostFormValue("name_ru"), EN: r.PostFormValue("name_en")},
		Description:    parasat.Names{KK: r.PostFormValue("description_kk"), RU: r.PostFormValue("description_ru"), EN: r.PostFormValue("description_en")},
		OrganisationID: formInt(r, "organisation"), Target: formMoney(r, "target", &bad),
		StartsOn: dayField(r, "starts_on", &bad), EndsOn: dayField(r, "ends_on", &bad)}
	for _, v := range r.PostForm["partners"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			c.Partners = append(c.Partners, id)
		}
	}
	form := campaignForm{C: c, Target: r.PostFormValue("target"), StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on")}
	var res parasat.Resource
	if id, ok := pathID(r, "id"); ok {
		existing, err := s.services.Campaigns.Campaign(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		c.ID, form.ID, res = id, id, existing.Resource()
		c.OrganisationID, form.C.OrganisationID = existing.OrganisationID, existing.OrganisationID
	} else if o, err := s.services.Organisations.Organisation(r.Context(), c.OrganisationID); err == nil {
		res = parasat.Resource{Region: o.Region, OrganisationID: o.ID}
	}
	if !parasat.Can(u, parasat.ManageCampaign, res) && res.OrganisationID != 0 {
		s.forbidden(w, r)
		return
	}
	var err error
	if len(bad) == 0 && c.ID == 0 {
		err = s.services.Campaigns.CreateCampaign(r.Context(), &c)
	} else if len(bad) == 0 {
		err = s.services.Campaigns.UpdateCampaign(r.Context(), &c)
	}
	if len(bad) > 0 || err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		tagMoneyFields(l, form.Errors, bad, "target")
		s.campaignFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.saved")
	http.Redirect(w, r, "/campaigns/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

// tagMoneyFields replaces the date message of malformed amount fields.
func tagMoneyFields(l interface{ T(string, ...any) string }, errs map[string]string, bad []string, fields ...string) {
	for _, b := range bad {
		for _, f := range fields {
			if b == f {
				errs[f] = l.T("field.tenge")
			}
		}
	}
}

func (s *Server) registerCampaignPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /campaigns", parasat.ReadPublished, s.handleCampaigns)
	s.handlePage(mux, "GET /campaigns/new", parasat.ManageCampaign, s.handleNewCampaignForm)
	s.handlePage(mux, "POST /campaigns", parasat.ManageCampaign, s.handleSaveCampaign)
	s.handlePage(mux, "GET /campaigns/{id}", parasat.ReadPublished, s.handleCampaign)
	s.handlePage(mux, "GET /campaigns/{id}/edit", parasat.ManageCampaign, s.handleEditCampaignForm)
	s.handlePage(mux, "POST /campaigns/{id}", parasat.ManageCampaign, s.handleSaveCampaign)
	s.handlePage(mux, "GET /campaigns/{id}/transparency.csv", parasat.ReadPublished, s.handleCampaignCSV)
	s.handlePage(mux, "GET /organisations/{id}/transparency", parasat.ReadPublished, s.handleOrganisationTransparency)
	s.handlePage(mux, "GET /organisations/{id}/transparency.csv", parasat.ReadPublished, s.handleOrganisationCSV)
}
