package parasat

import "slices"

// Authorization lives here, in one table: every page and API route names
// the Action it performs, and the http package asks Can (for a particular
// record) or CanSome (before loading anything) — never its own if statements.

// Action is something a person may or may not do.
type Action string

const (
	// ReadPublished is reading what is published: regions, organisations.
	ReadPublished Action = "published.read"
	// ManageRegions is adding and renaming regions.
	ManageRegions Action = "region.manage"
	// CreateOrganisation registers an organisation in Resource.Region.
	CreateOrganisation Action = "organisation.create"
	// UpdateOrganisation changes the organisation Resource.OrganisationID in Resource.Region.
	UpdateOrganisation Action = "organisation.update"
	// ManageUsers is inviting accounts, granting and revoking roles, deactivating.
	ManageUsers Action = "user.manage"
	// ReadAudit is reading the audit log of records in Resource.Region
	// (Region "" means records that belong to no region: accounts, tokens).
	ReadAudit Action = "audit.read"
	// UseOwnAccount is changing one's own password, tokens and sessions.
	UseOwnAccount Action = "account.own"
	// ReadBeneficiary is seeing a beneficiary's full record: IIN, address,
	// health. Resource.Region is where they live, Resource.Organisations the
	// organisations that serve them.
	ReadBeneficiary Action = "beneficiary.read"
	// WriteBeneficiary is recording or changing a beneficiary's data.
	WriteBeneficiary Action = "beneficiary.write"
	// SignUpVolunteer is offering oneself as a volunteer on the public page.
	SignUpVolunteer Action = "volunteer.signup"
	// ReadVolunteer is seeing a volunteer's record (contacts, birth date,
	// emergency contact). Resource.Organisations are the organisations they
	// belong to; Resource.OwnerUserID the volunteer's own account.
	ReadVolunteer Action = "volunteer.read"
	// WriteVolunteer is recording, changing and approving a volunteer.
	WriteVolunteer Action = "volunteer.write"
	// ReadPatron is seeing a patron's record. Resource.Organisations are the
	// organisations they support; Resource.OwnerUserID the patron's account.
	ReadPatron Action = "patron.read"
	// WritePatron is recording or changing a patron.
	WritePatron Action = "patron.write"
	// ManageSkills is adding to the list of skills volunteers choose from.
	ManageSkills Action = "skill.manage"
	// ReadEvent is seeing an event that is not published, and the help
	// given at it. Resource.Region is the event's region,
	// Resource.Organisations its lead and partners.
	ReadEvent Action = "event.read"
	// WriteEvent is planning, changing, holding, cancelling and reporting
	// an event. Resource.Region is its region, Resource.OrganisationID its lead.
	WriteEvent Action = "event.write"
	// ReadAid is seeing aid records. Resource.Region is where the help was
	// given, Resource.OrganisationID who gave it, Resource.Organisations the
	// lead of its event.
	ReadAid Action = "aid.read"
	// WriteAid is recording (and deleting by mistake) aid, described as for ReadAid.
	WriteAid Action = "aid.write"
	// ManageJobs is seeing the background jobs and retrying failed ones.
	ManageJobs Action = "job.manage"
	// SignUpShift is signing a volunteer up for a shift and cancelling the
	// sign-up. Resource is the volunteer's (Volunteer.Resource): the
	// volunteer acts on their own sign-ups (the owner rule), staff on those
	// of the volunteers they manage. Running a shift — its places, check-in,
	// check-out and hours — is WriteEvent on its event.
	SignUpShift Action = "shift.signup"
	// OwnShifts is a volunteer's own page of shifts and hours.
	OwnShifts Action = "shift.own"
	// ManageCampaign is starting and changing campaigns led by
	// Resource.OrganisationID (partners in Resource.Organisations).
	ManageCampaign Action = "campaign.manage"
	// RecordMoney is recording gifts, pledges, spending, transfers,
	// reversals and goods for the fund or stock of Resource.OrganisationID.
	// A campaign's or an event's fund (Fund.Resource) is held by its lead
	// (OrganisationID), in its region (an event's own), with its partners
	// in Resource.Organisations: their staff record its money too.
	RecordMoney Action = "money.record"
	// AllowOverdraft is letting a spending take a fund below zero.
	AllowOverdraft Action = "money.overdraft"
	// ReadLedger is reading an organisation's ledger and stock.
	ReadLedger Action = "ledger.read"
	// ReadGift is seeing a gift, pledge, receipt or statement;
	// Resource.OwnerUserID is the donor's own account.
	ReadGift Action = "gift.read"
	// ReadReport is reading report figures, statements and charts. Anyone
	// may; those without ReadExactFigures for the filter get them with the
	// small cells suppressed, as the public does (see Suppress).
	ReadReport Action = "report.read"
	// ReadExactFigures is reading figures as they are, small cells too.
	// Resource.Region is the filter's region (or its organisation's);
	// Resource.Organisations the filter's organisation and its parents.
	ReadExactFigures Action = "report.exact"
	// ExportReport is asking for a report file (XLSX, PDF) made in the
	// background and kept for the account that asked.
	ExportReport Action = "report.export"
	// ReadReportExport is seeing and downloading a report file;
	// Resource.OwnerUserID is the account that asked for it.
	ReadReportExport Action = "report.export.read"
)

// Resource is what an action touches, described by what the rules need.
type Resource struct {
	Region         string
	OrganisationID int64
	// Organisations the record is tied to: those serving a beneficiary,
	// those a volunteer belongs to, those a patron supports.
	Organisations []int64
	// OwnerUserID is the account the record is about, who may see it.
	OwnerUserID int64
}

// rule says who may perform an action. public: anyone, signed in or not.
// signedIn: any active account. roles: holders of these roles, whatever the
// resource. scoped: further holders, depending on the resource.
type rule struct {
	public   bool
	signedIn bool
	roles    []Role
	scoped   []Role // roles that may act within their scope, checked by inScope
	owner    bool   // the account the record is about may act on it too
}

var rules = map[Action]rule{
	ReadPublished:      {public: true},
	ManageRegions:      {roles: []Role{RoleAdmin}},
	CreateOrganisation: {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator}},
	UpdateOrganisation: {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ManageUsers:        {roles: []Role{RoleAdmin}},
	ReadAudit:          {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator}},
	UseOwnAccount:      {signedIn: true},
	ReadBeneficiary:    {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	WriteBeneficiary:   {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	SignUpVolunteer:    {public: true},
	ReadVolunteer:      {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}, owner: true},
	WriteVolunteer:     {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ReadPatron:         {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}, owner: true},
	WritePatron:        {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator}},
	ManageSkills:       {roles: []Role{RoleAdmin}},
	ReadEvent:          {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	WriteEvent:         {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ReadAid:            {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	WriteAid:           {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ManageJobs:         {roles: []Role{RoleAdmin}},
	SignUpShift:        {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}, owner: true},
	OwnShifts:          {roles: []Role{RoleVolunteer}},
	ManageCampaign:     {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	RecordMoney:        {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	AllowOverdraft:     {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator}},
	ReadLedger:         {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ReadGift:           {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}, owner: true},
	ReadReport:         {public: true},
	ReadExactFigures:   {roles: []Role{RoleAdmin}, scoped: []Role{RoleCoordinator, RoleManager}},
	ExportReport:       {signedIn: true},
	ReadReportExport:   {roles: []Role{RoleAdmin}, owner: true},
}

// KnownAction reports whether a has a rule; an action without one is denied to all.
func KnownAction(a Action) bool {
	_, ok := rules[a]
	return ok
}

// Can reports whether u (nil when nobody is signed in) may perform a on r.
func Can(u *User, a Action, r Resource) bool {
	rl, ok := rules[a]
	switch {
	case !ok:
		return false
	case rl.public:
		return true
	case u == nil || !u.Active():
		return false
	case rl.signedIn:
		return true
	case rl.owner && r.OwnerUserID != 0 && r.OwnerUserID == u.ID:
		return true
	}
	for _, g := range u.Grants {
		if slices.Contains(rl.roles, g.Role) {
			return true
		}
		if slices.Contains(rl.scoped, g.Role) && inScope(g, r) {
			return true
		}
	}
	return false
}

// CanSome reports whether u may perform a on at least some resource: the
// check a route makes before it has loaded the record. A rule that lets an
// owner act counts for every signed-in account: anyone may own a record.
func CanSome(u *User, a Action) bool {
	rl, ok := rules[a]
	switch {
	case !ok:
		return false
	case rl.public:
		return true
	case u == nil || !u.Active():
		return false
	case rl.signedIn, rl.owner:
		return true
	}
	for _, g := range u.Grants {
		if slices.Contains(rl.roles, g.Role) || slices.Contains(rl.scoped, g.Role) {
			return true
		}
	}
	return false
}

// inScope reports whether a scoped grant covers the resource: a coordinator
// their region, a manager their organisation or the people it serves.
func inScope(g Grant, r Resource) bool {
	switch g.Role {
	case RoleCoordinator:
		return r.Region != "" && g.Region == r.Region
	case RoleManager:
		if g.OrganisationID == nil {
			return false
		}
		return *g.OrganisationID == r.OrganisationID || slices.Contains(r.Organisations, *g.OrganisationID)
	}
	return false
}
