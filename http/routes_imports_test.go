package http

// Route rules of the imports of volunteers and patrons: those who may record
// a volunteer or a patron may import them.
var importRoutes = map[string][]role{
	"GET /volunteers/import":               {admin, coordinator, manager},
	"POST /volunteers/import":              {admin, coordinator, manager},
	"GET /volunteers/import/{id}/mapping":  {admin, coordinator, manager},
	"POST /volunteers/import/{id}/preview": {admin, coordinator, manager},
	"POST /volunteers/import/{id}/accept":  {admin, coordinator, manager},
	"GET /patrons/import":                  {admin, coordinator},
	"POST /patrons/import":                 {admin, coordinator},
	"GET /patrons/import/{id}/mapping":     {admin, coordinator},
	"POST /patrons/import/{id}/preview":    {admin, coordinator},
	"POST /patrons/import/{id}/accept":     {admin, coordinator},
}

func init() {
	for route, roles := range importRoutes {
		allowed[route] = roles
	}
}
