package http

import (
	"context"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// organisationOptions lists the organisations a form lets one choose, by
// name in lang (with the region's code, since names repeat across
// regions), the chosen ones checked.
func (s *Server) organisationOptions(ctx context.Context, lang parasat.Language, chosen ...int64) ([]option, error) {
	orgs, err := s.services.Organisations.ListOrganisations(ctx, parasat.OrganisationFilter{SortByName: lang, Limit: 500})
	if err != nil {
		return nil, err
	}
	out := make([]option, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name.Best(lang) + " (" + o.Region + ")"})
	}
	return marked(out, ids(chosen)...), nil
}
