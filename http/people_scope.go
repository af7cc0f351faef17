package http

import (
	"context"
	"errors"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// visibility turns the policy's rule for reading a kind of record into a
// list filter, asking only Can: everything when the caller may read a record
// that belongs to no region or organisation (only an unscoped role may),
// else each region and organisation of their grants that Can allows, and
// their own record when the rule lets owners read.
func visibility(u *parasat.User, a parasat.Action) parasat.Visibility {
	var v parasat.Visibility
	if u == nil {
		return v
	}
	if parasat.Can(u, a, parasat.Resource{}) {
		return parasat.Visibility{All: true}
	}
	for _, region := range u.CoordinatedRegions() {
		if parasat.Can(u, a, parasat.Resource{Region: region}) {
			v.RegionIn = append(v.RegionIn, region)
		}
	}
	for _, org := range u.ManagedOrganisations() {
		if parasat.Can(u, a, parasat.Resource{Organisations: []int64{org}}) {
			v.OrganisationIn = append(v.OrganisationIn, org)
		}
	}
	if parasat.Can(u, a, parasat.Resource{OwnerUserID: u.ID}) {
		v.OwnerUserID = u.ID
	}
	return v
}

// conflictNaming answers a conflict with the path of the record it collides
// with when the caller may read that record, and without it otherwise.
func (s *Server) conflictNaming(ctx context.Context, err error, read parasat.Action, collection string) error {
	var e *parasat.Error
	if !errors.As(err, &e) || e.Code != parasat.EConflict || e.Existing == nil ||
		!parasat.Can(currentUser(ctx), read, e.Existing.Resource) {
		return s.apiError(err)
	}
	path := APIPrefix + "/" + collection + "/" + strconv.FormatInt(e.Existing.ID, 10)
	details := make([]error, 0, len(e.Fields))
	for _, f := range e.Fields {
		details = append(details, &huma.ErrorDetail{Location: "body." + f.Field, Message: f.Message, Value: path})
	}
	return huma.Error409Conflict(e.Message+": "+path, details...)
}

// notVisible is the answer about a record the caller may not read: as if it
// did not exist, since even its existence is personal data.
func notVisible(what string) error { return huma.Error404NotFound(what + " not found") }
