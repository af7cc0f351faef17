package parasat

import "time"

// Role says what an account may do; a grant gives a role to an account,
// scoped where the role needs it. One account may hold several grants.
type Role string

const (
	// RoleAdmin is the national secretariat: everything, everywhere.
	RoleAdmin Role = "admin"
	// RoleCoordinator runs a regional House of Friendship: everything in one region.
	RoleCoordinator Role = "coordinator"
	// RoleManager runs one organisation: its events, volunteers' shifts and
	// the beneficiaries it serves.
	RoleManager Role = "manager"
	// RoleVolunteer sees their own profile, shifts and hours.
	RoleVolunteer Role = "volunteer"
	// RolePatron sees their own donations, pledges and receipts.
	RolePatron Role = "patron"
)

// Roles lists every role, the widest first.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleManager, RoleVolunteer, RolePatron}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// Grant gives one role to one account, within a region (coordinator) or an
// organisation (manager).
type Grant struct {
	ID             int64     `json:"id"`
	UserID         int64     `json:"user_id"`
	Role           Role      `json:"role"`
	Region         string    `json:"region,omitempty"`
	OrganisationID *int64    `json:"organisation_id,omitempty"`
	Created        time.Time `json:"created_at"`
}

// Validate checks that the grant has exactly the scope its role needs.
func (g *Grant) Validate() error {
	var p Problems
	if !g.Role.Valid() {
		p.Add("role", "role", "must be admin, coordinator, manager, volunteer or patron")
		return p.Err()
	}
	switch g.Role {
	case RoleCoordinator:
		if !regionCodePattern.MatchString(g.Region) {
			p.Add("region", "grant.region_required", "a coordinator needs the region they coordinate")
		}
	default:
		if g.Region != "" {
			p.Add("region", "grant.no_region", "only a coordinator's role has a region")
		}
	}
	switch g.Role {
	case RoleManager:
		if g.OrganisationID == nil || *g.OrganisationID <= 0 {
			p.Add("organisation_id", "grant.organisation_required", "a manager needs the organisation they manage")
		}
	default:
		if g.OrganisationID != nil {
			p.Add("organisation_id", "grant.no_organisation", "only a manager's role has an organisation")
		}
	}
	return p.Err()
}
