package http

// Route rules of money and gifts. Campaigns and the public accounts are
// open to anyone; gifts, pledges, receipts and statements to every signed-in
// account, because a patron reads their own (the records then hold only
// what the caller may read, see money_api_test.go); the ledger and the
// stock, and every write, to the staff of the organisations.
var moneyStaff = []role{admin, coordinator, manager}

var moneyRoutes = map[string][]role{
	"GET /api/v1/donations":                       signedIn,
	"POST /api/v1/donations":                      moneyStaff,
	"GET /api/v1/donations/{id}":                  signedIn,
	"POST /api/v1/donations/{id}/reversal":        moneyStaff,
	"GET /api/v1/donations/{id}/receipt":          signedIn,
	"GET /api/v1/ledger":                          moneyStaff,
	"GET /api/v1/ledger/funds":                    moneyStaff,
	"GET /api/v1/ledger/entries/{id}":             moneyStaff,
	"POST /api/v1/ledger/spendings":               moneyStaff,
	"POST /api/v1/ledger/transfers":               moneyStaff,
	"POST /api/v1/ledger/entries/{id}/reversal":   moneyStaff,
	"GET /api/v1/campaigns":                       everyone,
	"GET /api/v1/campaigns/{id}":                  everyone,
	"POST /api/v1/campaigns":                      moneyStaff,
	"PUT /api/v1/campaigns/{id}":                  moneyStaff,
	"GET /api/v1/campaigns/{id}/transparency":     everyone,
	"GET /api/v1/organisations/{id}/transparency": everyone,
	"GET /api/v1/events/{id}/transparency":        everyone,
	"GET /api/v1/pledges":                         signedIn,
	"POST /api/v1/pledges":                        moneyStaff,
	"GET /api/v1/pledges/{id}":                    signedIn,
	"GET /api/v1/goods":                           moneyStaff,
	"POST /api/v1/goods/gifts":                    moneyStaff,
	"POST /api/v1/goods/issues":                   moneyStaff,
	"GET /api/v1/patrons/{id}/statement":          signedIn,
	"GET /campaigns":                              everyone,
	"GET /campaigns/new":                          moneyStaff,
	"POST /campaigns":                             moneyStaff,
	"GET /campaigns/{id}":                         everyone,
	"GET /campaigns/{id}/edit":                    moneyStaff,
	"POST /campaigns/{id}":                        moneyStaff,
	"GET /campaigns/{id}/transparency.csv":        everyone,
	"GET /organisations/{id}/transparency":        everyone,
	"GET /organisations/{id}/transparency.csv":    everyone,
	"GET /events/{id}/transparency.csv":           everyone,
	"GET /donations":                              signedIn,
	"GET /donations/new":                          moneyStaff,
	"POST /donations":                             moneyStaff,
	"GET /donations/{id}":                         signedIn,
	"POST /donations/{id}/reverse":                moneyStaff,
	"GET /donations/{id}/receipt.pdf":             signedIn,
	"GET /patrons/{id}/statement.pdf":             signedIn,
	"GET /pledges":                                signedIn,
	"GET /pledges/new":                            moneyStaff,
	"POST /pledges":                               moneyStaff,
	"GET /ledger":                                 moneyStaff,
	"GET /ledger/entries/{id}":                    moneyStaff,
	"POST /ledger/entries/{id}/reverse":           moneyStaff,
	"GET /ledger/spendings/new":                   moneyStaff,
	"POST /ledger/spendings":                      moneyStaff,
	"GET /ledger/transfers/new":                   moneyStaff,
	"POST /ledger/transfers":                      moneyStaff,
	"GET /goods":                                  moneyStaff,
	"POST /goods/gifts":                           moneyStaff,
	"POST /goods/issues":                          moneyStaff,
}

func init() {
	for route, roles := range moneyRoutes {
		allowed[route] = roles
	}
}
