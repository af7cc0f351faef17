package http

import "strconv"

// Route rules of the report page: the page, its charts and its tables are
// open to anyone (small cells suppressed outside the caller's scope); a
// file of the whole report is asked for by any account, and seen by that
// account and admins (report_pages_test.go: another account gets 404).
var reportPageRoutes = map[string][]role{
	"GET /reports":                    everyone,
	"GET /reports/charts/months.svg":  everyone,
	"GET /reports/charts/regions.svg": everyone,
	"GET /reports/charts/kinds.svg":   everyone,
	"GET /reports/table.csv":          everyone,
	"POST /reports/exports":           signedIn,
	"GET /reports/exports/{id}":       signedIn,
	"GET /reports/exports/{id}/file":  signedIn,
}

func init() {
	for route, roles := range reportPageRoutes {
		allowed[route] = roles
	}
	// Keys the report page builds from a value (the key test's pattern
	// does not read digits).
	for _, p := range periodPresets {
		builtKeys = append(builtKeys, "report_page.period."+p)
	}
	for m := 1; m <= 12; m++ {
		builtKeys = append(builtKeys, "report_page.month."+strconv.Itoa(m))
	}
	for _, o := range namedOccasions {
		builtKeys = append(builtKeys, "report_page.occasion."+o)
	}
}
