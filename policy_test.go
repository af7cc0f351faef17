package parasat

import (
	"testing"
	"time"
)

func grantUser(grants ...Grant) *User { return &User{ID: 7, Grants: grants} }

func TestPolicy(t *testing.T) {
	orgA, orgB := int64(10), int64(20)
	admin := grantUser(Grant{Role: RoleAdmin})
	coordAstana := grantUser(Grant{Role: RoleCoordinator, Region: "KZ-71"})
	managerA := grantUser(Grant{Role: RoleManager, OrganisationID: &orgA})
	volunteer := grantUser(Grant{Role: RoleVolunteer})
	patron := grantUser(Grant{Role: RolePatron})
	now := time.Now()
	deactivatedAdmin := &User{Grants: []Grant{{Role: RoleAdmin}}, Deactivated: &now}
	both := grantUser(Grant{Role: RoleVolunteer}, Grant{Role: RoleManager, OrganisationID: &orgB})

	inAstanaOrganisationsA := Resource{Region: "KZ-71", Organisations: []int64{orgA}}
	inAlmatyOrganisationsB := Resource{Region: "KZ-75", Organisations: []int64{orgB}}
	cases := []struct {
		name string
		u    *User
		a    Action
		r    Resource
		want bool
	}{
		{"public reads published", nil, ReadPublished, Resource{}, true},
		{"public cannot create", nil, CreateOrganisation, Resource{Region: "KZ-71"}, false},
		{"admin creates anywhere", admin, CreateOrganisation, Resource{Region: "KZ-75"}, true},
		{"deactivated admin can do nothing", deactivatedAdmin, CreateOrganisation, Resource{Region: "KZ-75"}, false},
		{"coordinator creates in own region", coordAstana, CreateOrganisation, Resource{Region: "KZ-71"}, true},
		{"coordinator not in another region", coordAstana, CreateOrganisation, Resource{Region: "KZ-75"}, false},
		{"manager updates own organisation", managerA, UpdateOrganisation, Resource{Region: "KZ-71", OrganisationID: orgA}, true},
		{"manager not another organisation", managerA, UpdateOrganisation, Resource{Region: "KZ-71", OrganisationID: orgB}, false},
		{"manager cannot create organisations", managerA, CreateOrganisation, Resource{Region: "KZ-71"}, false},
		{"volunteer reads no beneficiary", volunteer, ReadBeneficiary, inAstanaOrganisationsA, false},
		{"patron reads no beneficiary", patron, ReadBeneficiary, inAstanaOrganisationsA, false},
		{"manager reads the people their organisation serves", managerA, ReadBeneficiary, inAstanaOrganisationsA, true},
		{"manager not another organisation's beneficiaries", managerA, ReadBeneficiary, inAlmatyOrganisationsB, false},
		{"coordinator reads beneficiaries of the region", coordAstana, ReadBeneficiary, inAstanaOrganisationsA, true},
		{"coordinator not another region's beneficiaries", coordAstana, ReadBeneficiary, inAlmatyOrganisationsB, false},
		{"several roles add up", both, ReadBeneficiary, inAlmatyOrganisationsB, true},
		{"only admins manage users", coordAstana, ManageUsers, Resource{}, false},
		{"coordinator reads own region's audit", coordAstana, ReadAudit, Resource{Region: "KZ-71"}, true},
		{"coordinator not the audit of accounts", coordAstana, ReadAudit, Resource{}, false},
		{"any account uses itself", volunteer, UseOwnAccount, Resource{}, true},
		{"nobody signed in has no account", nil, UseOwnAccount, Resource{}, false},
		{"unknown action denied to admins too", admin, Action("launch.rockets"), Resource{}, false},
		{"a volunteer reads their own record", volunteer, ReadVolunteer, Resource{OwnerUserID: 7}, true},
		{"a volunteer not another's", volunteer, ReadVolunteer, Resource{OwnerUserID: 8}, false},
		{"a manager reads their organisation's volunteers", managerA, ReadVolunteer, Resource{Organisations: []int64{orgA}}, true},
		{"a manager not another organisation's volunteers", managerA, ReadVolunteer, Resource{Organisations: []int64{orgB}}, false},
		{"a volunteer cannot approve volunteers", volunteer, WriteVolunteer, Resource{OwnerUserID: 7}, false},
		{"anyone may sign up as a volunteer", nil, SignUpVolunteer, Resource{}, true},
		{"a patron reads their own record", patron, ReadPatron, Resource{OwnerUserID: 7}, true},
		{"a manager cannot change patrons", managerA, WritePatron, Resource{Organisations: []int64{orgA}}, false},
		{"nobody signed in owns nothing", nil, ReadPatron, Resource{OwnerUserID: 7}, false},
		{"any account asks for a report file", volunteer, ExportReport, Resource{}, true},
		{"nobody signed in asks for no report file", nil, ExportReport, Resource{}, false},
		{"an account reads its own report file", patron, ReadReportExport, Resource{OwnerUserID: 7}, true},
		{"a coordinator not another's report file", coordAstana, ReadReportExport, Resource{OwnerUserID: 8}, false},
		{"an admin reads anyone's report file", admin, ReadReportExport, Resource{OwnerUserID: 8}, true},
	}
	for _, c := range cases {
		if got := Can(c.u, c.a, c.r); got != c.want {
			t.Errorf("%s: Can = %v; want %v", c.name, got, c.want)
		}
	}
	if !CanSome(managerA, UpdateOrganisation) || CanSome(volunteer, UpdateOrganisation) || CanSome(nil, ManageUsers) {
		t.Error("CanSome does not follow the rules")
	}
	for a := range rules {
		if !KnownAction(a) {
			t.Errorf("%s has a rule but is not known", a)
		}
	}
}

func TestGrantValidate(t *testing.T) {
	org := int64(3)
	valid := []Grant{{Role: RoleAdmin}, {Role: RoleCoordinator, Region: "KZ-71"}, {Role: RoleManager, OrganisationID: &org}, {Role: RoleVolunteer}}
	for _, g := range valid {
		if err := g.Validate(); err != nil {
			t.Errorf("%+v refused: %v", g, err)
		}
	}
	invalid := []Grant{{Role: "owner"}, {Role: RoleCoordinator}, {Role: RoleManager}, {Role: RoleAdmin, Region: "KZ-71"}, {Role: RoleVolunteer, OrganisationID: &org}}
	for _, g := range invalid {
		if err := g.Validate(); ErrorCode(err) != EInvalid {
			t.Errorf("%+v accepted", g)
		}
	}
}
