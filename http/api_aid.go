package http

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// AidBody is an aid record as clients send it. The recipient is a
// beneficiary (by id, or by IIN), a household, or an anonymous group.
type AidBody struct {
	GivenOn        parasat.Date `json:"given_on" doc:"The day in Kazakhstan the help was given, YYYY-MM-DD"`
	OrganisationID int64        `json:"organisation_id,omitempty" doc:"Who gave it; at an event, default: the lead, or else the first partner serving the recipient"`
	EventID        *int64       `json:"event_id,omitempty"`
	Recipient      string       `json:"recipient" enum:"beneficiary,household,group"`
	BeneficiaryID  *int64       `json:"beneficiary_id,omitempty"`
	IIN            string       `json:"iin,omitempty" doc:"The beneficiary's IIN, instead of beneficiary_id"`
	HouseholdID    *int64       `json:"household_id,omitempty"`
	GroupSize      int          `json:"group_size,omitempty" doc:"How many people an anonymous group has (at least 1)"`
	Kind           string       `json:"kind" enum:"money,goods,service,care,development"`
	Item           string       `json:"item,omitempty" doc:"money: financial_aid; goods: food_package, clothes, school_supplies, medicine, winter_fuel, appliances; service: medical_treatment, rehabilitation, repair, legal_help, transport; care: visit, celebration, concert; development: training, job_placement, work_equipment, business_grant; any kind: other"`
	Description    string       `json:"description,omitempty" maxLength:"1000"`
	Quantity       int          `json:"quantity,omitempty" doc:"Default 1"`
	ValueTiyn      int64        `json:"value_tiyn" doc:"In tiyn, 100 per tenge; 0 only for care and attention"`
}

func (b *AidBody) record() *parasat.AidRecord {
	return &parasat.AidRecord{GivenOn: b.GivenOn, OrganisationID: b.OrganisationID, EventID: b.EventID,
		Recipient: parasat.RecipientKind(b.Recipient), BeneficiaryID: b.BeneficiaryID, HouseholdID: b.HouseholdID,
		GroupSize: b.GroupSize, Kind: parasat.AidKind(b.Kind), Item: b.Item, Description: b.Description,
		Quantity: b.Quantity, ValueTiyn: b.ValueTiyn}
}

// AidPath names one aid record.
type AidPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type aidOutput struct{ Body *parasat.AidRecord }

type createdAidOutput struct {
	Location string `header:"Location"`
	Body     *parasat.AidRecord
}

type aidListOutput struct {
	Body struct {
		Items      []parasat.AidRecord `json:"items"`
		NextCursor string              `json:"next_cursor,omitempty"`
	}
}

type aidBulkOutput struct {
	Body struct {
		Items []parasat.AidRecord `json:"items"`
	}
}

func (s *Server) registerAidRoutes(api huma.API) {
	huma.Register(api, operation("list-aid", http.MethodGet, "/aid", parasat.ReadAid,
		"List the aid records the caller may see, in the order recorded (follow next_cursor)", "Aid"), s.listAid)
	huma.Register(api, operation("get-aid", http.MethodGet, "/aid/{id}", parasat.ReadAid,
		"Read one aid record", "Aid"), func(ctx context.Context, in *AidPath) (*aidOutput, error) {
		a, _, err := s.readableAid(ctx, in.ID, parasat.ReadAid)
		return &aidOutput{Body: a}, err
	})
	huma.Register(api, operation("create-aid", http.MethodPost, "/aid", parasat.WriteAid,
		"Record one act of help", "Aid"), func(ctx context.Context, in *struct{ Body AidBody }) (*createdAidOutput, error) {
		list, err := s.aidFromBodies(ctx, []AidBody{in.Body}, "")
		if err != nil {
			return nil, err
		}
		if err := s.services.Aid.RecordAid(ctx, list); err != nil {
			return nil, s.apiError(unindexed(err))
		}
		return &createdAidOutput{Location: APIPrefix + "/aid/" + strconv.FormatInt(list[0].ID, 10), Body: list[0]}, nil
	})
	op := operation("create-aid-bulk", http.MethodPost, "/aid/bulk", parasat.WriteAid,
		"Record many acts of help (up to 2000, e.g. everyone helped at an event) in one transaction: all or none", "Aid")
	op.MaxBodyBytes = 8 << 20
	huma.Register(api, op, func(ctx context.Context, in *struct {
		Body struct {
			Records []AidBody `json:"records" minItems:"1" maxItems:"2000"`
		}
	}) (*aidBulkOutput, error) {
		list, err := s.aidFromBodies(ctx, in.Body.Records, "records.")
		if err != nil {
			return nil, err
		}
		if err := s.services.Aid.RecordAid(ctx, list); err != nil {
			return nil, s.apiError(prefixed(err, "records."))
		}
		out := &aidBulkOutput{}
		for _, a := range list {
			out.Body.Items = append(out.Body.Items, *a)
		}
		return out, nil
	})
	huma.Register(api, operation("delete-aid", http.MethodDelete, "/aid/{id}", parasat.WriteAid,
		"Delete an aid record made by mistake (not once its event is reported)", "Aid"),
		func(ctx context.Context, in *AidPath) (*struct{}, error) {
			if _, _, err := s.readableAid(ctx, in.ID, parasat.WriteAid); err != nil {
				return nil, err
			}
			if err := s.services.Aid.DeleteAidRecord(ctx, in.ID); err != nil {
				return nil, s.apiError(err)
			}
			return nil, nil
		})
}

// readableAid loads an aid record the caller may act on with action; any
// other is "not found".
func (s *Server) readableAid(ctx context.Context, id int64, action parasat.Action) (*parasat.AidRecord, int64, error) {
	a, err := s.services.Aid.AidRecord(ctx, id)
	if err != nil {
		return nil, 0, s.apiError(err)
	}
	var lead int64
	if a.EventID != nil {
		if e, err := s.services.Events.Event(ctx, *a.EventID); err == nil {
			lead = e.LeadID
		}
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadAid, a.Resource(lead)) {
		return nil, 0, notVisible("aid record")
	}
	if err := s.authorize(ctx, action, a.Resource(lead)); err != nil {
		return nil, 0, err
	}
	return a, lead, nil
}

type aidListInput struct {
	Event        int64  `query:"event"`
	Organisation int64  `query:"organisation" doc:"The giving organisation"`
	Beneficiary  int64  `query:"beneficiary"`
	Household    int64  `query:"household"`
	Region       string `query:"region" example:"KZ-71"`
	Kind         string `query:"kind" enum:"money,goods,service,care,development"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}

func (s *Server) listAid(ctx context.Context, in *aidListInput) (*aidListOutput, error) {
	f := parasat.AidFilter{Event: in.Event, Organisation: in.Organisation, Beneficiary: in.Beneficiary,
		Household: in.Household, Region: in.Region, Kind: parasat.AidKind(in.Kind), Limit: in.Limit,
		Visibility: visibility(currentUser(ctx), parasat.ReadAid)}
	var ok bool
	if f.After, _, ok = parseCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Aid.ListAid(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &aidListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		out.Body.NextCursor = makeCursor(items[len(items)-1].ID, false, "")
	}
	return out, nil
}

// aidFromBodies turns bodies into records, finds beneficiaries by IIN, and
// checks that the caller may record each one. prefix names the list in
// field errors ("records.").
func (s *Server) aidFromBodies(ctx context.Context, bodies []AidBody, prefix string) ([]*parasat.AidRecord, error) {
	var iins []string
	for _, b := range bodies {
		if b.IIN != "" && b.BeneficiaryID == nil {
			iins = append(iins, strings.TrimSpace(b.IIN))
		}
	}
	found, err := s.services.Aid.BeneficiaryIDsByIIN(ctx, iins)
	if err != nil {
		return nil, s.apiError(err)
	}
	a := aidAuthorizer{s: s, ctx: ctx, events: map[int64]*parasat.Event{}, orgs: map[int64]*parasat.Organisation{}}
	list := make([]*parasat.AidRecord, len(bodies))
	for i, b := range bodies {
		field := prefix
		if prefix != "" {
			field += strconv.Itoa(i) + "."
		}
		r := b.record()
		if iin := strings.TrimSpace(b.IIN); iin != "" && r.BeneficiaryID == nil {
			id, ok := found[iin]
			if !ok {
				return nil, huma.Error422UnprocessableEntity("the input breaks a rule; see errors", &huma.ErrorDetail{
					Location: "body." + field + "iin", Message: "no registered person has this IIN", Value: "aid.iin_unknown"})
			}
			r.BeneficiaryID = &id
		}
		if err := a.check(r); err != nil {
			return nil, err
		}
		list[i] = r
	}
	return list, nil
}

// aidAuthorizer checks the policy for each record of a request, reading
// each event and organisation once.
type aidAuthorizer struct {
	s      *Server
	ctx    context.Context
	events map[int64]*parasat.Event
	orgs   map[int64]*parasat.Organisation
}

// check lets the caller record aid given by an organisation they manage, in
// a region they coordinate, or at an event their organisation leads. Help at
// an event whose giver is left to the store is judged as the lead's, unless
// the caller may act only for one of the partners: then that partner gives it.
func (a *aidAuthorizer) check(r *parasat.AidRecord) error {
	u := currentUser(a.ctx)
	if r.EventID != nil {
		e, ok := a.events[*r.EventID]
		if !ok {
			e, _ = a.s.services.Events.Event(a.ctx, *r.EventID)
			a.events[*r.EventID] = e
		}
		if e == nil {
			return nil // the store refuses it with the field at fault
		}
		res := parasat.Resource{Region: e.Region, OrganisationID: r.OrganisationID, Organisations: []int64{e.LeadID}}
		if r.OrganisationID == 0 {
			res.OrganisationID = e.LeadID
			if !parasat.Can(u, parasat.WriteAid, res) {
				for _, org := range u.ManagedOrganisations() {
					if slices.Contains(e.Partners, org) {
						r.OrganisationID, res.OrganisationID = org, org
						break
					}
				}
			}
		}
		return a.s.authorize(a.ctx, parasat.WriteAid, res)
	}
	o, ok := a.orgs[r.OrganisationID]
	if !ok {
		o, _ = a.s.services.Organisations.Organisation(a.ctx, r.OrganisationID)
		a.orgs[r.OrganisationID] = o
	}
	if o == nil {
		return nil // the store refuses it with the field at fault
	}
	return a.s.authorize(a.ctx, parasat.WriteAid, parasat.Resource{Region: o.Region, OrganisationID: o.ID})
}

// unindexed drops the "0." the store puts before the fields of the only record.
func unindexed(err error) error {
	if e, ok := err.(*parasat.Error); ok {
		for i := range e.Fields {
			e.Fields[i].Field = strings.TrimPrefix(e.Fields[i].Field, "0.")
		}
	}
	return err
}

// prefixed names the fields of a refused record of a list: "records.3.given_on".
func prefixed(err error, prefix string) error {
	if e, ok := err.(*parasat.Error); ok {
		for i := range e.Fields {
			e.Fields[i].Field = prefix + e.Fields[i].Field
		}
	}
	return err
}
