package http

// Route rules of the documents of people helped: those who may read a
// beneficiary read and download their documents, those who may change the
// record add and delete them. Volunteers and patrons never reach them.
var documentRoutes = map[string][]role{
	"GET /api/v1/beneficiaries/{id}/documents":          {admin, coordinator, manager},
	"POST /api/v1/beneficiaries/{id}/documents":         {admin, coordinator, manager},
	"GET /api/v1/beneficiaries/{id}/documents/{doc}":    {admin, coordinator, manager},
	"DELETE /api/v1/beneficiaries/{id}/documents/{doc}": {admin, coordinator, manager},
	"POST /beneficiaries/{id}/documents":                {admin, coordinator, manager},
	"GET /beneficiaries/{id}/documents/{doc}/download":  {admin, coordinator, manager},
	"POST /beneficiaries/{id}/documents/{doc}/delete":   {admin, coordinator, manager},
}

func init() {
	for route, roles := range documentRoutes {
		allowed[route] = roles
	}
}
