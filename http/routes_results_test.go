package http

// Route rules of the results page: anyone may see it; figures describing
// fewer than 5 people are suppressed unless the visitor's role covers them
// (results_pages_test.go).
var resultsRoutes = map[string][]role{
	"GET /results":        everyone,
	"GET /results/{code}": everyone,
}

func init() {
	for route, roles := range resultsRoutes {
		allowed[route] = roles
	}
}
