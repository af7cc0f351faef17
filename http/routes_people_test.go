package http

// Route rules of the registers of volunteers and patrons. Every signed-in
// account reaches the reading routes, because the policy lets a volunteer or
// patron read their own record; the lists and records then hold only what
// the caller may read (see people_api_test.go).
var (
	volunteerStaff = []role{admin, coordinator, manager}
	patronStaff    = []role{admin, coordinator}
)

var peopleRoutes = map[string][]role{
	"GET /api/v1/volunteers":               signedIn,
	"POST /api/v1/volunteers":              volunteerStaff,
	"GET /api/v1/volunteers/{id}":          signedIn,
	"PUT /api/v1/volunteers/{id}":          volunteerStaff,
	"POST /api/v1/volunteers/{id}/approve": volunteerStaff,
	"POST /api/v1/volunteers/{id}/reject":  volunteerStaff,
	"GET /api/v1/patrons":                  signedIn,
	"POST /api/v1/patrons":                 patronStaff,
	"GET /api/v1/patrons/{id}":             signedIn,
	"PUT /api/v1/patrons/{id}":             patronStaff,
	"GET /api/v1/skills":                   everyone,
	"POST /api/v1/skills":                  adminOnly,
	"GET /volunteers":                      signedIn,
	"GET /volunteers.csv":                  signedIn,
	"GET /volunteers/new":                  volunteerStaff,
	"POST /volunteers":                     volunteerStaff,
	"GET /volunteers/{id}":                 signedIn,
	"GET /volunteers/{id}/edit":            volunteerStaff,
	"POST /volunteers/{id}":                volunteerStaff,
	"POST /volunteers/{id}/approve":        volunteerStaff,
	"POST /volunteers/{id}/reject":         volunteerStaff,
	"GET /volunteer":                       everyone,
	"POST /volunteer":                      everyone,
	"GET /volunteer/thanks":                everyone,
	"GET /patrons":                         signedIn,
	"GET /patrons/new":                     patronStaff,
	"POST /patrons":                        patronStaff,
	"GET /patrons/{id}":                    signedIn,
	"GET /patrons/{id}/edit":               patronStaff,
	"POST /patrons/{id}":                   patronStaff,
}

func init() {
	for k, v := range peopleRoutes {
		allowed[k] = v
	}
}
