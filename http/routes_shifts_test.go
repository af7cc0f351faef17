package http

// Route rules of volunteer shifts. Everyone sees the shifts of published
// events; the staff who may change an event run its shifts (places,
// check-in, check-out, hours); every signed-in account reaches the sign-up
// routes, because the policy lets a volunteer act on their own sign-ups
// (the owner rule), and the handlers then allow only their own.
var shiftRoutes = map[string][]role{
	"GET /api/v1/events/{id}/shifts":      everyone,
	"POST /api/v1/events/{id}/shifts":     eventStaff,
	"GET /api/v1/shifts":                  everyone,
	"GET /api/v1/shifts/{id}":             everyone,
	"PUT /api/v1/shifts/{id}":             eventStaff,
	"DELETE /api/v1/shifts/{id}":          eventStaff,
	"GET /api/v1/shifts/{id}/signups":     eventStaff,
	"POST /api/v1/shifts/{id}/signups":    signedIn,
	"GET /api/v1/signups/{id}":            signedIn,
	"POST /api/v1/signups/{id}/cancel":    signedIn,
	"POST /api/v1/signups/{id}/remove":    eventStaff,
	"POST /api/v1/signups/{id}/check-in":  eventStaff,
	"POST /api/v1/signups/{id}/check-out": eventStaff,
	"POST /api/v1/signups/{id}/hours":     eventStaff,
	"GET /api/v1/volunteers/{id}/hours":   signedIn,
	"POST /api/v1/volunteers/{id}/invite": volunteerStaff,
	"GET /events/{id}/shifts/new":         eventStaff,
	"POST /events/{id}/shifts":            eventStaff,
	"GET /shifts/{id}":                    eventStaff,
	"GET /shifts/{id}/edit":               eventStaff,
	"POST /shifts/{id}":                   eventStaff,
	"POST /shifts/{id}/delete":            eventStaff,
	"POST /shifts/{id}/signup":            signedIn,
	"POST /signups/{id}/cancel":           signedIn,
	"POST /signups/{id}/remove":           eventStaff,
	"POST /signups/{id}/checkin":          eventStaff,
	"POST /signups/{id}/checkout":         eventStaff,
	"POST /signups/{id}/hours":            eventStaff,
	"GET /my/shifts":                      {volunteer},
	"POST /volunteers/{id}/invite":        volunteerStaff,
}

func init() {
	for k, v := range shiftRoutes {
		allowed[k] = v
	}
}
