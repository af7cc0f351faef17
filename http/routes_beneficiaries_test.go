package http

// Route rules of the register of people helped: only those who serve people
// see them. Volunteers and patrons never reach these routes.
var beneficiaryRoutes = map[string][]role{
	"GET /api/v1/beneficiaries":                 {admin, coordinator, manager},
	"POST /api/v1/beneficiaries":                {admin, coordinator, manager},
	"GET /api/v1/beneficiaries/{id}":            {admin, coordinator, manager},
	"PUT /api/v1/beneficiaries/{id}":            {admin, coordinator, manager},
	"POST /api/v1/beneficiaries/{id}/anonymise": {admin, coordinator, manager},
	"GET /api/v1/beneficiaries/{id}/export":     {admin, coordinator, manager},
	"GET /api/v1/households":                    {admin, coordinator, manager},
	"POST /api/v1/households":                   {admin, coordinator, manager},
	"GET /api/v1/households/{id}":               {admin, coordinator, manager},
	"PUT /api/v1/households/{id}":               {admin, coordinator, manager},
	"POST /api/v1/households/{id}/members":      {admin, coordinator, manager},
	"GET /beneficiaries":                        {admin, coordinator, manager},
	"GET /beneficiaries/new":                    {admin, coordinator, manager},
	"POST /beneficiaries":                       {admin, coordinator, manager},
	"GET /beneficiaries/{id}":                   {admin, coordinator, manager},
	"GET /beneficiaries/{id}/edit":              {admin, coordinator, manager},
	"POST /beneficiaries/{id}":                  {admin, coordinator, manager},
	"POST /beneficiaries/{id}/anonymise":        {admin, coordinator, manager},
	"GET /households":                           {admin, coordinator, manager},
	"GET /beneficiaries/import":                 {admin, coordinator, manager},
	"POST /beneficiaries/import":                {admin, coordinator, manager},
	"GET /beneficiaries/import/{id}/mapping":    {admin, coordinator, manager},
	"POST /beneficiaries/import/{id}/preview":   {admin, coordinator, manager},
	"POST /beneficiaries/import/{id}/accept":    {admin, coordinator, manager},
	"GET /households/{id}":                      {admin, coordinator, manager},
}

func init() {
	for route, roles := range beneficiaryRoutes {
		allowed[route] = roles
	}
}
