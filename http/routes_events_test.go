package http

// Route rules of events and aid. Everyone reads published events (the
// pages and the API answer "not found" for the others); the staff of
// organisations and regions plan events and record the help given.
var eventStaff = []role{admin, coordinator, manager}

var eventRoutes = map[string][]role{
	"GET /api/v1/events":              everyone,
	"GET /api/v1/events/{id}":         everyone,
	"POST /api/v1/events":             eventStaff,
	"PUT /api/v1/events/{id}":         eventStaff,
	"POST /api/v1/events/{id}/hold":   eventStaff,
	"POST /api/v1/events/{id}/cancel": eventStaff,
	"POST /api/v1/events/{id}/report": eventStaff,
	"PUT /api/v1/events/{id}/photo":   eventStaff,
	"GET /api/v1/aid":                 eventStaff,
	"GET /api/v1/aid/{id}":            eventStaff,
	"POST /api/v1/aid":                eventStaff,
	"POST /api/v1/aid/bulk":           eventStaff,
	"DELETE /api/v1/aid/{id}":         eventStaff,
	"GET /events":                     everyone,
	"GET /events/all":                 eventStaff,
	"GET /events/new":                 eventStaff,
	"POST /events":                    eventStaff,
	"GET /events/{id}":                everyone,
	"GET /events/{id}/photo":          everyone,
	"POST /events/{id}/photo":         eventStaff,
	"GET /events/{id}/edit":           eventStaff,
	"POST /events/{id}":               eventStaff,
	"POST /events/{id}/hold":          eventStaff,
	"POST /events/{id}/cancel":        eventStaff,
	"POST /events/{id}/report":        eventStaff,
	"GET /events/{id}/aid":            eventStaff,
	"POST /events/{id}/aid":           eventStaff,
	"POST /aid/{id}/delete":           eventStaff,
}

func init() {
	for k, v := range eventRoutes {
		allowed[k] = v
	}
}
