package http

// Route rules of results: figures, statements and charts are open to
// anyone; small cells are suppressed for those whose role does not cover
// the filter (reports_api_test.go).
var reportRoutes = map[string][]role{
	"GET /api/v1/reports/summary":   everyone,
	"GET /api/v1/reports/breakdown": everyone,
	"GET /api/v1/reports/statement": everyone,
}

func init() {
	for route, roles := range reportRoutes {
		allowed[route] = roles
	}
}
