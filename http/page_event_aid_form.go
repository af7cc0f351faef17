package http

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// aidForm records the help given at an event to many people at once: those
// ticked in the list, those whose IINs are pasted, and an anonymous group.
type aidForm struct {
	E                      *parasat.Event
	Title                  string
	GivenOn, Giver, What   string
	Description, Quantity  string
	Value, IINs, GroupSize string
	Givers                 []option
	Whats                  []optionGroup
	People, Households     []option
	Errors                 map[string]string
	Summary                string
}

// aidKindKey and aidItemKey name the messages of a kind and an item of help.
func aidKindKey(k parasat.AidKind) string { return "aid.kind_" + string(k) }
func aidItemKey(item string) string       { return "aid.item_" + item }

type optionGroup struct {
	Label   string
	Options []option
}

func whatOptions(l *i18n.Localizer, checked string) []optionGroup {
	var out []optionGroup
	for _, k := range parasat.AidKinds {
		g := optionGroup{Label: l.T(aidKindKey(k))}
		for _, item := range parasat.AidItems[k] {
			v := string(k) + "/" + item
			g.Options = append(g.Options, option{Value: v, Label: l.T(aidItemKey(item)), Checked: v == checked})
		}
		out = append(out, g)
	}
	return out
}

func (s *Server) aidFormPage(w http.ResponseWriter, r *http.Request, status int, form aidForm) {
	p := s.newPage(w, r, "aid.record", nil)
	e, u := form.E, p.User
	orgs, _, err := s.eventNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Title = e.Title.Best(p.Lang)
	form.Givers = []option{{Value: "", Label: p.T.T("aid.giver_auto")}}
	for _, id := range e.Organisations() {
		v := strconv.FormatInt(id, 10)
		form.Givers = append(form.Givers, option{Value: v, Label: orgs[id], Checked: v == form.Giver})
	}
	form.Whats = whatOptions(p.T, form.What)
	ticked := map[string]bool{}
	for _, v := range r.PostForm["people"] {
		ticked[v] = true
	}
	// The people the event's organisations serve, of those the visitor may read.
	regions, scope := readScope(u)
	seen := map[int64]bool{}
	for _, org := range e.Organisations() {
		list, err := s.services.Beneficiaries.ListBeneficiaries(r.Context(), parasat.BeneficiaryFilter{OrganisationID: org,
			RegionIn: regions, OrganisationIn: scope, Limit: 200})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, b := range list {
			if !seen[b.ID] && b.Anonymised == nil {
				seen[b.ID] = true
				v := strconv.FormatInt(b.ID, 10)
				// The year of birth tells namesakes apart.
				form.People = append(form.People, option{Value: v, Label: b.FullName + " (" + strconv.Itoa(b.BirthDate.Year()) + ")", Checked: ticked[v]})
			}
		}
	}
	p.Title = p.T.T("aid.record")
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"}, {form.Title, "/events/" + strconv.FormatInt(e.ID, 10)}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "event_aid", p)
}

// aidEvent loads the event of the path if help may be recorded at it by the visitor.
func (s *Server) aidEvent(w http.ResponseWriter, r *http.Request) (*parasat.Event, bool) {
	e, ok := s.pageEvent(w, r)
	if ok && !parasat.Can(currentUser(r.Context()), parasat.WriteAid,
		parasat.Resource{Region: e.Region, OrganisationID: e.LeadID, Organisations: e.Organisations()}) {
		s.forbidden(w, r)
		return nil, false
	}
	return e, ok
}

func (s *Server) handleEventAidForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.aidEvent(w, r)
	if !ok {
		return
	}
	s.aidFormPage(w, r, http.StatusOK, aidForm{E: e, GivenOn: e.StartDay().String(), What: "goods/food_package", Quantity: "1"})
}

// handleRecordEventAid records the form's help in one transaction, all or none.
func (s *Server) handleRecordEventAid(w http.ResponseWriter, r *http.Request) {
	e, ok := s.aidEvent(w, r)
	if !ok {
		return
	}
	l := s.catalog.For(s.language(r))
	form := aidForm{E: e, GivenOn: r.PostFormValue("given_on"), Giver: r.PostFormValue("organisation_id"), What: r.PostFormValue("what"),
		Description: r.PostFormValue("description"), Quantity: r.PostFormValue("quantity"), Value: r.PostFormValue("value"),
		IINs: r.PostFormValue("iins"), GroupSize: strings.TrimSpace(r.PostFormValue("group_size")), Errors: map[string]string{}}
	list, labels, err := s.aidFromForm(r, &form, l)
	if err == nil {
		err = s.services.Aid.RecordAid(r.Context(), list)
	}
	if err != nil {
		form.Summary = s.aidFormProblem(l, err, labels, form.Errors)
		if form.Summary == "" {
			s.pageError(w, r, err)
			return
		}
		s.aidFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.aid_recorded", "Count", strconv.Itoa(len(list)))
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

// aidFromForm builds the records of the form, one for each recipient, with
// a label of each recipient for the messages; the policy checks each.
func (s *Server) aidFromForm(r *http.Request, form *aidForm, l *i18n.Localizer) ([]*parasat.AidRecord, []string, error) {
	bad := func(field, code string) error {
		return &parasat.Error{Code: parasat.EInvalid, Message: code, Fields: []parasat.FieldError{{Field: field, Code: code}}}
	}
	day, err := parasat.ParseDate(strings.TrimSpace(form.GivenOn))
	if err != nil {
		return nil, nil, bad("given_on", "date")
	}
	value, ok := parseTenge(form.Value)
	if !ok {
		return nil, nil, bad("value_tiyn", "amount")
	}
	quantity, err := strconv.Atoi(strings.TrimSpace(form.Quantity))
	if err != nil {
		return nil, nil, bad("quantity", "aid.quantity")
	}
	kind, item, _ := strings.Cut(form.What, "/")
	giver, _ := strconv.ParseInt(form.Giver, 10, 64)
	base := parasat.AidRecord{GivenOn: day, OrganisationID: giver, EventID: &form.E.ID, Kind: parasat.AidKind(kind), Item: item,
		Description: form.Description, Quantity: quantity, ValueTiyn: value}
	var (
		list   []*parasat.AidRecord
		labels []string
	)
	add := func(a parasat.AidRecord, label string) {
		list, labels = append(list, &a), append(labels, label)
	}
	for _, v := range r.PostForm["people"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			a := base
			a.Recipient, a.BeneficiaryID = parasat.RecipientBeneficiary, &id
			add(a, l.T("aid.person_number", "ID", v))
		}
	}
	iins := splitIINs(form.IINs)
	found, err := s.services.Aid.BeneficiaryIDsByIIN(r.Context(), iins)
	if err != nil {
		return nil, nil, err
	}
	for _, iin := range iins {
		id, ok := found[iin]
		if !ok {
			form.Errors["iins"] = l.T("field.aid.iin_unknown") + ": " + iin
			return nil, nil, bad("iins", "aid.iin_unknown")
		}
		a := base
		a.Recipient, a.BeneficiaryID = parasat.RecipientBeneficiary, &id
		add(a, l.T("aid.iin_label", "IIN", iin))
	}
	if form.GroupSize != "" {
		n, err := strconv.Atoi(form.GroupSize)
		if err != nil {
			return nil, nil, bad("group_size", "aid.group_empty")
		}
		a := base
		a.Recipient, a.GroupSize = parasat.RecipientGroup, n
		add(a, l.T("aid.anonymous_group"))
	}
	if len(list) == 0 {
		return nil, nil, bad("recipients", "aid.no_recipients")
	}
	auth := aidAuthorizer{s: s, ctx: r.Context(), events: map[int64]*parasat.Event{form.E.ID: form.E}, orgs: map[int64]*parasat.Organisation{}}
	for _, a := range list {
		if err := auth.check(a); err != nil {
			return nil, nil, &parasat.Error{Code: parasat.EForbidden, Err: err,
				Fields: []parasat.FieldError{{Field: "organisation_id", Code: "aid.not_allowed"}}}
		}
	}
	return list, labels, nil
}

// aidFormProblem explains a refusal in the form's language: which
// recipient (or field) and why; "" when err is not about the input.
func (s *Server) aidFormProblem(l *i18n.Localizer, err error, labels []string, errs map[string]string) string {
	var e *parasat.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		var se huma.StatusError
		if errors.As(err, &se) {
			return l.T("field.aid.not_allowed")
		}
		return ""
	}
	f := e.Fields[0]
	msg := fieldMessage(l, f)
	index, field, indexed := strings.Cut(f.Field, ".")
	if i, err := strconv.Atoi(index); indexed && err == nil && i < len(labels) {
		if field == "group_size" || field == "given_on" || field == "value_tiyn" || field == "quantity" || field == "item" {
			errs[field] = msg
		}
		return labels[i] + ": " + msg
	}
	if errs[f.Field] == "" {
		errs[f.Field] = msg
	}
	return msg
}
