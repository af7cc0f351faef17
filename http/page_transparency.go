package http

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// The public account of an organisation's or a campaign's money and goods,
// as a page and as CSV. It names donors only when they agreed, and never
// anyone who was helped.

type transparencyView struct {
	T        *parasat.Transparency
	Spending []figure
	CSV      string
	JSON     string
}

// figure is an amount with its label, already translated.
type figure struct {
	Label  string
	Amount int64
}

func spendingRows(l *i18n.Localizer, t *parasat.Transparency) []figure {
	out := make([]figure, len(t.Spending))
	for i, sp := range t.Spending {
		out[i] = figure{Label: purposeLabel(l, sp), Amount: sp.Amount}
	}
	return out
}

func (s *Server) handleOrganisationTransparency(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	t, err := s.services.Transparency.OrganisationTransparency(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.newPage(w, r, "transparency.title", nil)
	name := t.Name.Best(p.Lang)
	p.Title = p.T.T("transparency.of", "Name", name)
	ref := strconv.FormatInt(id, 10)
	p.Data = transparencyView{T: t, Spending: spendingRows(p.T, t), CSV: "/organisations/" + ref + "/transparency.csv", JSON: APIPrefix + "/organisations/" + ref + "/transparency"}
	p.Breadcrumbs = []crumb{{p.T.T("nav.organisations"), "/organisations"}, {name, "/organisations/" + ref}, {p.T.T("transparency.title"), ""}}
	s.render(w, http.StatusOK, "transparency", p)
}

func (s *Server) handleOrganisationCSV(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	t, err := s.services.Transparency.OrganisationTransparency(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.writeTransparencyCSV(w, r, t, "organisation-"+strconv.FormatInt(id, 10))
}

func (s *Server) handleCampaignCSV(w http.ResponseWriter, r *http.Request) {
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
	s.writeTransparencyCSV(w, r, t, "campaign-"+strconv.FormatInt(id, 10))
}

// writeTransparencyCSV writes one row per figure: section, item, amount in
// tiyn, and the amount in tenge as the language writes it.
func (s *Server) writeTransparencyCSV(w http.ResponseWriter, r *http.Request, t *parasat.Transparency, name string) {
	l := s.catalog.For(s.language(r))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="transparency-`+name+`.csv"`)
	out := csv.NewWriter(w)
	row := func(section, item string, tiyn int64, count string) {
		_ = out.Write([]string{section, item, strconv.FormatInt(tiyn, 10), l.Money(tiyn), count})
	}
	_ = out.Write([]string{"section", "item", "amount_tiyn", "amount", "count"})
	row("money", l.T("transparency.donations"), t.Donations, "")
	row("money", l.T("transparency.transfers_in"), t.TransfersIn, "")
	row("money", l.T("transparency.transfers_out"), t.TransfersOut, "")
	row("money", l.T("transparency.spent"), t.Spent, "")
	row("money", l.T("transparency.balance"), t.Balance, "")
	for _, sp := range t.Spending {
		row("spending", purposeLabel(l, sp), sp.Amount, "")
	}
	for _, g := range t.Goods {
		row("goods", g.Name+" ("+l.T("unit."+string(g.Unit))+")", g.ValueOnHand,
			strconv.FormatInt(g.Received, 10)+"/"+strconv.FormatInt(g.Issued, 10)+"/"+strconv.FormatInt(g.OnHand, 10))
	}
	for _, d := range t.NamedDonors {
		row("donors", d.Name, d.Amount, strconv.FormatInt(d.Gifts, 10))
	}
	out.Flush()
}

// purposeLabel names a purpose, with the category of aid.
func purposeLabel(l *i18n.Localizer, p parasat.PurposeTotal) string {
	s := l.T("purpose." + string(p.Purpose))
	if p.Category != "" {
		s += ": " + l.T("category."+string(p.Category))
	}
	return s
}
