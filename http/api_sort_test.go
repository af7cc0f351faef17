package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestListSortedByNameFollowsCursors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		for _, n := range []string{"Вайнах", "Азербайджан", "Бірлік", "Достық", "Атамекен"} {
			e.createOrg(orgBody(n, "", "KZ-71"))
		}
		var got []string
		path := "/api/v1/organisations?sort=name&lang=kk&limit=2"
		for path != "" {
			r := e.get(path)
			expect(t, r, http.StatusOK)
			page := decode[struct {
				Items      []parasat.Organisation
				NextCursor string `json:"next_cursor"`
			}](t, r)
			for _, o := range page.Items {
				got = append(got, o.Name.KK)
			}
			path = ""
			if page.NextCursor != "" {
				path = "/api/v1/organisations?sort=name&lang=kk&limit=2&cursor=" + url.QueryEscape(page.NextCursor)
				if link := r.header.Get("Link"); !strings.Contains(link, "cursor="+url.QueryEscape(page.NextCursor)) {
					t.Errorf("Link %q does not carry the cursor %q", link, page.NextCursor)
				}
			}
		}
		if strings.Join(got, "|") != "Азербайджан|Атамекен|Бірлік|Вайнах|Достық" {
			t.Errorf("sorted pages: %v", got)
		}
		expectProblem(t, e.get("/api/v1/organisations?cursor=abc"), http.StatusUnprocessableEntity, "query.cursor")
		expectProblem(t, e.get("/api/v1/organisations?sort=size"), http.StatusUnprocessableEntity, "query.sort")
	})
}
