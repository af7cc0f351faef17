package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

// Shared by the pages of money and gifts: amounts typed in tenge, and the
// choices of funds, organisations and patrons a person may record for.

// parseDesignation reads a fund chosen on a form: "general:12", "campaign:3".
func parseDesignation(v string) parasat.Designation {
	kind, id, _ := strings.Cut(v, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return parasat.Designation{Kind: parasat.DesignationKind(kind), ID: n}
}

// designationValue is the value of a fund in the money forms: "event:12".
func designationValue(d parasat.Designation) string {
	return string(d.Kind) + ":" + strconv.FormatInt(d.ID, 10)
}

// moneyChoices are what the money forms offer a person: the organisations
// and funds they may act on with action, and the patrons they may see.
type moneyChoices struct {
	orgs, funds, patrons []option
	orgNames             map[int64]string
}

func (s *Server) loadMoneyChoices(r *http.Request, lang parasat.Language, action parasat.Action, withPatrons bool) (*moneyChoices, error) {
	ctx := r.Context()
	u := currentUser(ctx)
	c := &moneyChoices{orgNames: map[int64]string{}}
	orgs, err := s.services.Organisations.ListOrganisations(ctx, parasat.OrganisationFilter{SortByName: lang, Limit: 500})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		c.orgNames[o.ID] = o.Name.Best(lang)
		if parasat.Can(u, action, parasat.Resource{Region: o.Region, OrganisationID: o.ID}) {
			id := strconv.FormatInt(o.ID, 10)
			c.orgs = append(c.orgs, option{Value: id, Label: o.Name.Best(lang)})
			c.funds = append(c.funds, option{Value: "general:" + id, Label: o.Name.Best(lang)})
		}
	}
	campaigns, err := s.services.Campaigns.ListCampaigns(ctx, parasat.CampaignFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, cm := range campaigns {
		if parasat.Can(u, action, cm.Resource()) {
			c.funds = append(c.funds, option{Value: "campaign:" + strconv.FormatInt(cm.ID, 10),
				Label: cm.Name.Best(lang) + " — " + c.orgNames[cm.OrganisationID]})
		}
	}
	if withPatrons {
		patrons, err := s.services.Patrons.ListPatrons(ctx, parasat.PatronFilter{Limit: 500, Visibility: visibility(u, parasat.ReadPatron)})
		if err != nil {
			return nil, err
		}
		for _, p := range patrons {
			c.patrons = append(c.patrons, option{Value: strconv.FormatInt(p.ID, 10), Label: p.Name})
		}
	}
	return c, nil
}

// simpleOptions are options whose labels are the messages prefix+value.
func simpleOptions[T ~string](l interface{ T(string, ...any) string }, prefix string, values []T, checked T) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: string(v), Label: l.T(prefix + string(v)), Checked: v == checked}
	}
	return out
}

// formInt reads a whole number from a form field; 0 when absent or bad.
func formInt(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return n
}

// dayField reads a required date field; bad names the field when it is
// filled but not a date.
func dayField(r *http.Request, name string, bad *[]string) parasat.Date {
	d, ok := formDate(r, name)
	if !ok {
		*bad = append(*bad, name)
	}
	if d == nil {
		return parasat.Date{}
	}
	return *d
}

// formMoney reads an amount in tenge; bad names the field when it is not one.
func formMoney(r *http.Request, name string, bad *[]string) int64 {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0
	}
	t, ok := parseTenge(v)
	if !ok {
		*bad = append(*bad, name)
	}
	return t
}

// donorKindOptions are the kinds of donor, in the page's language.
func donorKindOptions(l interface{ T(string, ...any) string }, checked parasat.DonorKind) []option {
	return []option{
		{Value: string(parasat.DonorPatron), Label: l.T("donor.kind_patron"), Checked: checked == parasat.DonorPatron},
		{Value: string(parasat.DonorPerson), Label: l.T("donor.kind_person"), Checked: checked == parasat.DonorPerson},
		{Value: string(parasat.DonorAnonymous), Label: l.T("donor.kind_anonymous"), Checked: checked == parasat.DonorAnonymous},
	}
}

// valuationOptions are the ways goods are valued.
func valuationOptions(l interface{ T(string, ...any) string }, checked parasat.ValuationMethod) []option {
	return []option{
		{Value: string(parasat.ValuedByDocuments), Label: l.T("valuation.documents"), Checked: checked == parasat.ValuedByDocuments},
		{Value: string(parasat.ValuedByMarketPrice), Label: l.T("valuation.market_price"), Checked: checked == parasat.ValuedByMarketPrice},
		{Value: string(parasat.ValuedByExpert), Label: l.T("valuation.expert"), Checked: checked == parasat.ValuedByExpert},
	}
}

// issueKindOptions are the ways goods leave or correct the stock.
func issueKindOptions(l interface{ T(string, ...any) string }, checked parasat.MovementKind) []option {
	return []option{
		{Value: string(parasat.MoveIssue), Label: l.T("goods.kind_issue"), Checked: checked == parasat.MoveIssue},
		{Value: string(parasat.MoveAdjustment), Label: l.T("goods.kind_adjustment"), Checked: checked == parasat.MoveAdjustment},
	}
}
