package http

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/pdftest"
)

// moneyEnv is a role fixture with a patron who has an account, and a
// campaign led by the fixture's organisation.
type moneyEnv struct {
	*roleFixture
	e        *env
	patron   parasat.Patron
	campaign parasat.Campaign
}

func newMoneyEnv(t *testing.T, e *env) *moneyEnv {
	t.Helper()
	m := &moneyEnv{roleFixture: newRoleFixture(t, e), e: e}
	pid := m.users[patron].ID
	m.patron = parasat.Patron{Kind: parasat.PatronPerson, Name: "Әсел Нұрланқызы Қасымова", Region: "KZ-71", PublicConsent: true, UserID: &pid}
	if err := e.db.CreatePatron(context.Background(), &m.patron); err != nil {
		t.Fatal(err)
	}
	r := e.do(http.MethodPost, "/api/v1/campaigns", m.as(coordinator), map[string]any{
		"name":            map[string]string{"kk": "Мектепке дайындық", "ru": "Готовы к школе", "en": "Ready for school"},
		"organisation_id": m.org.ID, "target_tiyn": 300_000_000, "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
	expect(t, r, http.StatusCreated)
	m.campaign = decode[parasat.Campaign](t, r)
	return m
}

func (m *moneyEnv) as(r role) string { return "Bearer " + m.tokens[r] }

func (m *moneyEnv) gift(amount int64, lang string) map[string]any {
	return map[string]any{"donor": map[string]any{"kind": "patron", "patron_id": m.patron.ID, "language": lang, "public": true},
		"amount_tiyn": amount, "received_on": kzToday().String(), "channel": "kaspi", "reference": "KASPI-" + strconv.FormatInt(amount, 10),
		"designation": map[string]any{"kind": "campaign", "id": m.campaign.ID}}
}

// post sends a JSON body with an Idempotency-Key.
func (e *env) post(path, auth, key string, body any) *response {
	e.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", auth)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return &response{status: resp.StatusCode, header: resp.Header, body: out}
}

func TestConcurrentRetriesOfOneGiftThroughTheAPIRecordItOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		const retries = 6
		answers := make([]*response, retries)
		var wg sync.WaitGroup
		for i := range retries {
			wg.Go(func() {
				answers[i] = e.post("/api/v1/donations", m.as(manager), "retry-me-1", m.gift(50_000_000, "kk"))
			})
		}
		wg.Wait()
		var first parasat.Donation
		replays := 0
		for i, a := range answers {
			expect(t, a, http.StatusCreated)
			d := decode[parasat.Donation](t, a)
			if i == 0 {
				first = d
			}
			if d.ID != first.ID || d.Receipt == nil || d.Receipt.Code() != first.Receipt.Code() || a.header.Get("Location") != answers[0].header.Get("Location") {
				t.Errorf("retry %d answered %+v; the first %+v", i, d, first)
			}
			if a.header.Get("Idempotent-Replayed") == "true" {
				replays++
			}
		}
		if replays != retries-1 {
			t.Errorf("%d answers were replays; want %d", replays, retries-1)
		}
		list := decode[struct{ Items []parasat.Donation }](t, e.do(http.MethodGet, "/api/v1/donations", e.bearer(), nil)).Items
		if len(list) != 1 {
			t.Fatalf("%d gifts recorded from %d retries", len(list), retries)
		}
		changed := m.gift(60_000_000, "kk")
		p := expectProblem(t, e.post("/api/v1/donations", m.as(manager), "retry-me-1", changed), http.StatusConflict, "header.Idempotency-Key")
		if !strings.Contains(p.Detail, "another request") {
			t.Errorf("the 409 says %q", p.Detail)
		}
		// The key is the manager's: the coordinator's key of the same name is another key.
		expect(t, e.post("/api/v1/donations", m.as(coordinator), "retry-me-1", changed), http.StatusCreated)
	})
}

func TestReceiptsInKazakhAndRussianReadAsText(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	for _, c := range []struct {
		lang  string
		wants []string
	}{
		{"kk", []string{"Қайырымдылық көмекті қабылдау туралы түбіртек №", "Әсел Нұрланқызы Қасымова", "1 500 000 ₸", "Мектепке дайындық", "Астана Аналар кеңесі"}},
		{"ru", []string{"Квитанция о получении благотворительного пожертвования №", "Әсел Нұрланқызы Қасымова", "2 345 678,90 ₸", "Готовы к школе"}},
	} {
		amount := map[string]int64{"kk": 150_000_000, "ru": 234_567_890}[c.lang]
		r := e.post("/api/v1/donations", m.as(coordinator), "", m.gift(amount, c.lang))
		expect(t, r, http.StatusCreated)
		d := decode[parasat.Donation](t, r)
		pdf := e.do(http.MethodGet, "/api/v1/donations/"+strconv.FormatInt(d.ID, 10)+"/receipt", m.as(patron), nil)
		expect(t, pdf, http.StatusOK)
		if ct := pdf.header.Get("Content-Type"); ct != "application/pdf" {
			t.Fatalf("Content-Type %q", ct)
		}
		text := pdftest.Squeeze(pdftest.Text(t, pdf.body))
		for _, want := range append(c.wants, d.Receipt.Code()) {
			if !strings.Contains(text, want) {
				t.Errorf("the %s receipt lacks %q:\n%s", c.lang, want, text)
			}
		}
	}
	// A year's statement of the patron, read by the patron.
	st := e.do(http.MethodGet, "/api/v1/patrons/"+strconv.FormatInt(m.patron.ID, 10)+"/statement?year="+strconv.Itoa(kzToday().Year())+"&lang=ru",
		m.as(patron), nil)
	expect(t, st, http.StatusOK)
	text := pdftest.Squeeze(pdftest.Text(t, st.body))
	for _, want := range []string{"Справка о пожертвованиях за", "Итого", "3 845 678,90 ₸", "2 пожертвования"} {
		if !strings.Contains(text, want) {
			t.Errorf("the statement lacks %q:\n%s", want, text)
		}
	}
	expect(t, e.do(http.MethodGet, "/api/v1/patrons/"+strconv.FormatInt(m.patron.ID, 10)+"/statement?year=2026", m.as(volunteer), nil), http.StatusNotFound)
}

func TestBadMoneyThroughTheAPIIsRefusedWithAReason(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		withAmount := func(n int64) map[string]any { return m.gift(n, "kk") }
		for _, c := range []struct {
			body     map[string]any
			location string
		}{
			{withAmount(0), "body.amount_tiyn"},
			{withAmount(-500), "body.amount_tiyn"},
			{withAmount(parasat.MaxAmount * 10), "body.amount_tiyn"},
			{func() map[string]any {
				b := withAmount(100)
				b["designation"] = map[string]any{"kind": "need", "id": 1}
				return b
			}(), "body.designation.kind"},
			{func() map[string]any {
				b := withAmount(100)
				b["designation"] = map[string]any{"kind": "event", "id": 999}
				return b
			}(), "body.designation.id"},
		} {
			expectProblem(t, e.post("/api/v1/donations", m.as(coordinator), "", c.body), http.StatusUnprocessableEntity, c.location)
		}
		anonymous := map[string]any{"donor": map[string]any{"kind": "anonymous"}, "amount_tiyn": 10_000_000, "received_on": kzToday().String(),
			"channel": "cash", "designation": map[string]any{"kind": "general", "id": m.org.ID}}
		r := e.post("/api/v1/donations", m.as(manager), "", anonymous)
		expect(t, r, http.StatusCreated)
		anon := decode[parasat.Donation](t, r)
		expectProblem(t, e.do(http.MethodGet, "/api/v1/donations/"+strconv.FormatInt(anon.ID, 10)+"/receipt", m.as(manager), nil),
			http.StatusUnprocessableEntity, "body.donation")
		spend := map[string]any{"fund": map[string]any{"kind": "general", "id": m.org.ID}, "amount_tiyn": 20_000_000,
			"occurred_on": kzToday().String(), "purpose": "aid", "category": "large_family"}
		expectProblem(t, e.post("/api/v1/ledger/spendings", m.as(manager), "", spend), http.StatusUnprocessableEntity, "body.amount_tiyn")
		spend["allow_overdraft"] = true
		expectProblem(t, e.post("/api/v1/ledger/spendings", m.as(manager), "", spend), http.StatusForbidden, "body.allow_overdraft")
		r = e.post("/api/v1/ledger/spendings", m.as(coordinator), "", spend)
		expect(t, r, http.StatusCreated)
		entry := decode[parasat.LedgerEntry](t, r)
		if !entry.Overdraft || entry.OverdraftBy == nil || *entry.OverdraftBy != m.users[coordinator].ID {
			t.Errorf("the overdraft is not recorded with who allowed it: %+v", entry)
		}
		path := "/api/v1/ledger/entries/" + strconv.FormatInt(entry.ID, 10) + "/reversal"
		expectProblem(t, e.post(path, m.as(manager), "", map[string]any{"reason": " "}), http.StatusUnprocessableEntity, "body.reason")
		r = e.post(path, m.as(manager), "", map[string]any{"reason": "Сома екі рет енгізілді"})
		expect(t, r, http.StatusCreated)
		rev := decode[parasat.LedgerEntry](t, r)
		expectProblem(t, e.post("/api/v1/ledger/entries/"+strconv.FormatInt(rev.ID, 10)+"/reversal", m.as(manager), "",
			map[string]any{"reason": "қайтадан"}), http.StatusUnprocessableEntity, "body.entry")
		funds := decode[struct{ Items []parasat.Fund }](t, e.do(http.MethodGet, "/api/v1/ledger/funds?organisation="+strconv.FormatInt(m.org.ID, 10), m.as(manager), nil))
		if len(funds.Items) != 2 || funds.Items[0].Balance != 10_000_000 {
			t.Errorf("funds after the reversal: %+v", funds.Items)
		}
		expect(t, e.do(http.MethodGet, "/api/v1/ledger/funds?organisation="+strconv.FormatInt(m.other.ID, 10), m.as(manager), nil), http.StatusForbidden)
	})
}

func TestPatronSeesOwnGiftsAndThePublicSeesTheAccount(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	expect(t, e.post("/api/v1/donations", m.as(coordinator), "", m.gift(70_000_000, "ru")), http.StatusCreated)
	other := parasat.Patron{Kind: parasat.PatronPerson, Name: "Болат Жұмабаев", Region: "KZ-71"}
	if err := e.db.CreatePatron(context.Background(), &other); err != nil {
		t.Fatal(err)
	}
	g := m.gift(30_000_000, "kk")
	g["donor"] = map[string]any{"kind": "patron", "patron_id": other.ID}
	expect(t, e.post("/api/v1/donations", m.as(coordinator), "", g), http.StatusCreated)
	mine := decode[struct{ Items []parasat.Donation }](t, e.do(http.MethodGet, "/api/v1/donations", m.as(patron), nil)).Items
	if len(mine) != 1 || mine[0].Donor.Name != m.patron.Name {
		t.Errorf("the patron sees %+v; want only their own gift", mine)
	}
	if all := decode[struct{ Items []parasat.Donation }](t, e.do(http.MethodGet, "/api/v1/donations", m.as(volunteer), nil)).Items; len(all) != 0 {
		t.Errorf("a volunteer sees %d gifts", len(all))
	}
	tr := decode[parasat.Transparency](t, e.get("/api/v1/campaigns/"+strconv.FormatInt(m.campaign.ID, 10)+"/transparency"))
	if tr.Donations != 100_000_000 || len(tr.NamedDonors) != 1 || tr.NamedDonors[0].Name != m.patron.Name {
		t.Errorf("public account %+v", tr)
	}
	c := decode[parasat.Campaign](t, e.get("/api/v1/campaigns/"+strconv.FormatInt(m.campaign.ID, 10)))
	if c.Progress() != 33 {
		t.Errorf("progress %d%%", c.Progress())
	}
	b := e.get("/campaigns/" + strconv.FormatInt(m.campaign.ID, 10) + "/transparency.csv")
	expect(t, b, http.StatusOK)
	if !strings.Contains(string(b.body), "donors,"+m.patron.Name+",70000000") || strings.Contains(string(b.body), "Болат") {
		t.Errorf("CSV:\n%s", b.body)
	}
}
