package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
)

// validIIN makes a valid IIN for a birth date (YYMMDD), century-and-sex digit and serial.
func validIIN(yymmdd string, centurySex, serial int) string {
	for s := serial; ; s++ {
		first := fmt.Sprintf("%s%d%04d", yymmdd, centurySex, s%10000)
		if d, ok := parasat.CheckDigit(first); ok {
			return first + strconv.Itoa(d)
		}
	}
}

func beneficiaryBody(name, iin, birth, sex, region string, orgs ...int64) map[string]any {
	b := map[string]any{"full_name": name, "iin": iin, "birth_date": birth, "sex": sex, "region": region}
	if len(orgs) > 0 {
		b["organisations"] = orgs
	}
	return b
}

func TestBeneficiariesAreSeenOnlyByThoseWhoServeThem(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		// Served by the fixture organisation in Astana, and one in Almaty served by the other.
		astana := e.do(http.MethodPost, "/api/v1/beneficiaries", as(manager),
			beneficiaryBody("Сейітова Айгерім", validIIN("850315", 4, 1), "1985-03-15", "female", "KZ-71", f.org.ID))
		expect(t, astana, http.StatusCreated)
		a := decode[parasat.Beneficiary](t, astana)
		almaty := e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(),
			beneficiaryBody("Омаров Ержан", validIIN("500101", 3, 2), "1950-01-01", "male", "KZ-75", f.other.ID))
		expect(t, almaty, http.StatusCreated)
		b := decode[parasat.Beneficiary](t, almaty)

		get := func(r role, id int64) int {
			return e.do(http.MethodGet, "/api/v1/beneficiaries/"+strconv.FormatInt(id, 10), as(r), nil).status
		}
		for _, c := range []struct {
			r    role
			id   int64
			want int
		}{
			{admin, b.ID, 200}, {coordinator, a.ID, 200}, {coordinator, b.ID, 404},
			{manager, a.ID, 200}, {manager, b.ID, 404}, {volunteer, a.ID, 403}, {patron, a.ID, 403}, {anonymous, a.ID, 401},
		} {
			if got := get(c.r, c.id); got != c.want {
				t.Errorf("%s reading beneficiary %d: %d; want %d", c.r, c.id, got, c.want)
			}
		}
		list := func(r role) []parasat.Beneficiary {
			resp := e.do(http.MethodGet, "/api/v1/beneficiaries", as(r), nil)
			expect(t, resp, http.StatusOK)
			return decode[struct{ Items []parasat.Beneficiary }](t, resp).Items
		}
		if l := list(manager); len(l) != 1 || l[0].ID != a.ID {
			t.Errorf("the manager lists %d beneficiaries; want only the one they serve", len(l))
		}
		if l := list(admin); len(l) != 2 {
			t.Errorf("the admin lists %d beneficiaries; want 2", len(l))
		}
		// A manager may not register someone their organisation does not serve.
		expect(t, e.do(http.MethodPost, "/api/v1/beneficiaries", as(manager),
			beneficiaryBody("Бөтен адам", validIIN("900101", 3, 3), "1990-01-01", "male", "KZ-71")), http.StatusForbidden)
		// Every reading of the full record is logged.
		visits, err := e.db.Visits(t.Context(), a.ID, 10)
		if err != nil || len(visits) != 2 {
			t.Errorf("visits of beneficiary %d: %d, %v; want the coordinator's and the manager's", a.ID, len(visits), err)
		}
	})
}

func TestDuplicateIINNamesTheExistingRecordOnlyToThoseWhoMaySeeIt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		iin := validIIN("070707", 5, 7)
		body := beneficiaryBody("Нұрланұлы Алихан", iin, "2007-07-07", "male", "KZ-75", f.other.ID)
		first := decode[parasat.Beneficiary](t, e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(), body))
		again := e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(), body)
		expect(t, again, http.StatusConflict)
		if !strings.Contains(string(again.body), "/api/v1/beneficiaries/"+strconv.FormatInt(first.ID, 10)) {
			t.Errorf("the admin's 409 does not name the existing record: %s", again.body)
		}
		// The coordinator of Astana may not see the Almaty record: the 409 stays silent about it.
		body["region"], body["organisations"] = "KZ-71", []int64{}
		hidden := e.do(http.MethodPost, "/api/v1/beneficiaries", "Bearer "+f.tokens[coordinator], body)
		expect(t, hidden, http.StatusConflict)
		if strings.Contains(string(hidden.body), "/api/v1/beneficiaries/") {
			t.Errorf("a 409 names a record the caller may not see: %s", hidden.body)
		}
	})
}

func TestConcurrentDuplicateIINsMakeOneRecord(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		body := beneficiaryBody("Қасымова Дана", validIIN("010203", 6, 9), "2001-02-03", "female", "KZ-71")
		var wg sync.WaitGroup
		codes := make(chan int, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes <- e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(), body).status
			}()
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		if count[201] != 1 || count[409] != 7 {
			t.Errorf("8 concurrent inserts of one IIN answered %v; want one 201 and seven 409", count)
		}
	})
}

func TestBeneficiaryInputProblems(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	good := validIIN("850315", 3, 4)
	cases := []struct {
		name           string
		body           map[string]any
		location, code string
	}{
		{"wrong IIN check digit", beneficiaryBody("А Б", good[:11]+strconv.Itoa((int(good[11]-'0')+1)%10), "1985-03-15", "male", "KZ-71"), "body.iin", "iin.checksum"},
		{"short IIN", beneficiaryBody("А Б", "85031530001", "1985-03-15", "male", "KZ-71"), "body.iin", "iin.length"},
		{"letters in the IIN", beneficiaryBody("А Б", "85031530001x", "1985-03-15", "male", "KZ-71"), "body.iin", "iin.digits"},
		{"IIN never issued", beneficiaryBody("А Б", "850315302600", "1985-03-15", "male", "KZ-71"), "body.iin", "iin.never_issued"},
		{"unknown region", beneficiaryBody("А Б", good, "1985-03-15", "male", "KZ-99"), "body.region", "region.unknown"},
		{"no name", beneficiaryBody("", good, "1985-03-15", "male", "KZ-71"), "body.full_name", "required"},
	}
	for _, c := range cases {
		r := e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(), c.body)
		if p := expectProblem(t, r, http.StatusUnprocessableEntity, c.location); !strings.Contains(string(r.body), `"value":"`+c.code+`"`) {
			t.Errorf("%s: %+v; want the code %s", c.name, p, c.code)
		}
	}
	// A birth date the IIN does not encode is accepted, with a warning.
	r := e.do(http.MethodPost, "/api/v1/beneficiaries", e.bearer(), beneficiaryBody("Ахметов Бауыржан", good, "1986-01-01", "male", "KZ-71"))
	expect(t, r, http.StatusCreated)
	if b := decode[parasat.Beneficiary](t, r); len(b.Warnings) != 1 || b.Warnings[0].Code != "iin.birth_mismatch" {
		t.Errorf("warnings = %+v; want iin.birth_mismatch", b.Warnings)
	}
}
