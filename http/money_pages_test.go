package http

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// rawKey is a message key shown instead of its text.
var rawKey = regexp.MustCompile(`[>\s](campaign|donation|donor|ledger|goods|pledge|receipt|statement|transparency|field|money|entry|account|unit|channel|purpose|schedule|valuation)\.[a-z_]+[<\s]`)

func TestMoneyPagesInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	org := strconv.FormatInt(m.org.ID, 10)
	campaign := strconv.FormatInt(m.campaign.ID, 10)
	r := e.post("/api/v1/donations", m.as(coordinator), "", m.gift(10_000_000, "kk"))
	expect(t, r, http.StatusCreated)
	gift := strconv.FormatInt(decode[parasat.Donation](t, r).ID, 10)
	for _, lang := range []string{"kk", "ru", "en"} {
		b := e.browser(t, lang)
		b.signIn("admin@example.kz", "correct horse battery")
		for _, path := range []string{"/campaigns", "/campaigns/new", "/campaigns/" + campaign, "/campaigns/" + campaign + "/edit",
			"/organisations/" + org + "/transparency", "/donations", "/donations/new", "/donations/" + gift, "/pledges", "/pledges/new",
			"/ledger", "/ledger?organisation=" + org, "/ledger/spendings/new?organisation=" + org, "/ledger/transfers/new",
			"/goods?organisation=" + org} {
			code, page := b.get(path)
			if code != http.StatusOK {
				t.Errorf("%s %s: %d", lang, path, code)
			}
			if k := rawKey.FindString(page); k != "" {
				t.Errorf("%s %s shows the key %q instead of its text", lang, path, k)
			}
		}
	}
}

func TestMoneyFormsRecordAndRefuseWithTranslatedReasons(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	org := strconv.FormatInt(m.org.ID, 10)
	b := e.browser(t, "ru")
	b.signIn("admin@example.kz", "correct horse battery")
	gift := url.Values{"fund": {"general:" + org}, "donor_kind": {"person"}, "donor_name": {"Иван Петров"}, "donor_language": {"ru"},
		"amount": {"1 500 000,50"}, "received_on": {kzToday().String()}, "channel": {"cash"}}
	code, page, loc := b.post("/donations", gift)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/donations/") {
		t.Fatalf("recording a gift: %d → %q\n%s", code, loc, page)
	}
	_, page = b.get(loc)
	if !strings.Contains(page, "1\u00a0500\u00a0000,50\u00a0₸") || !strings.Contains(page, "receipt.pdf") {
		t.Errorf("the gift's page does not show its amount and receipt:\n%s", page)
	}
	code, receipt, h := b.send(http.MethodGet, loc+"/receipt.pdf", nil)
	if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(receipt, "%PDF") {
		t.Errorf("the receipt: %d %s", code, h.Get("Content-Type"))
	}
	gift.Set("amount", "полтора миллиона")
	if code, page, _ = b.post("/donations", gift); code != http.StatusUnprocessableEntity || !strings.Contains(page, "Укажите сумму в тенге") {
		t.Errorf("an amount in words: %d", code)
	}
	spend := url.Values{"fund": {"general:" + org}, "purpose": {"aid"}, "category": {"veteran"}, "amount": {"2 000 000"},
		"occurred_on": {kzToday().String()}}
	if code, page, _ = b.post("/ledger/spendings", spend); code != http.StatusUnprocessableEntity || !strings.Contains(page, "В фонде нет такой суммы") {
		t.Errorf("a spending beyond the balance: %d", code)
	}
	spend.Set("amount", "500 000")
	if code, _, loc = b.post("/ledger/spendings", spend); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/ledger/entries/") {
		t.Fatalf("a spending: %d → %q", code, loc)
	}
	// Reversing asks first, then needs a reason, then records.
	if code, page, _ = b.post(loc+"/reverse", url.Values{"reason": {"Ошибка в сумме"}}); code != http.StatusOK || !strings.Contains(page, `name="confirm"`) {
		t.Errorf("the reversal does not ask first: %d", code)
	}
	if code, page, _ = b.post(loc+"/reverse", url.Values{"reason": {""}, "confirm": {"yes"}}); code != http.StatusUnprocessableEntity || !strings.Contains(page, "Укажите причину сторно") {
		t.Errorf("a reversal without a reason: %d", code)
	}
	if code, _, _ = b.post(loc+"/reverse", url.Values{"reason": {"Ошибка в сумме"}, "confirm": {"yes"}}); code != http.StatusSeeOther {
		t.Errorf("the reversal: %d", code)
	}
	goods := url.Values{"organisation": {org}, "name": {"Продуктовый набор"}, "unit": {"pack"}, "quantity": {"20"}, "value": {"300 000"},
		"valued_by": {"Комиссия"}, "valuation_method": {"market_price"}, "received_on": {kzToday().String()}, "donor_kind": {"anonymous"}}
	if code, _, _ = b.post("/goods/gifts", goods); code != http.StatusSeeOther {
		t.Fatalf("receiving goods: %d", code)
	}
	stock, err := e.db.ListStock(t.Context(), m.org.ID)
	if err != nil || len(stock) != 1 {
		t.Fatalf("stock %+v, %v", stock, err)
	}
	issue := url.Values{"item": {strconv.FormatInt(stock[0].ID, 10)}, "kind": {"issue"}, "count": {"21"}, "occurred_on": {kzToday().String()}}
	if code, page, _ = b.post("/goods/issues", issue); code != http.StatusUnprocessableEntity || !strings.Contains(page, "Больше, чем есть на складе") {
		t.Errorf("giving more than the stock: %d", code)
	}
	issue.Set("count", "5")
	if code, _, _ = b.post("/goods/issues", issue); code != http.StatusSeeOther {
		t.Errorf("giving goods out: %d", code)
	}
	_, page = b.get("/organisations/" + org + "/transparency")
	for _, want := range []string{"Продуктовый набор", "300\u00a0000\u00a0₸", "1\u00a0500\u00a0000,50\u00a0₸"} {
		if !strings.Contains(page, want) {
			t.Errorf("the public account lacks %q", want)
		}
	}
	if strings.Contains(page, "Иван Петров") {
		t.Error("the public account names a donor who did not agree")
	}
	pledge := url.Values{"patron": {strconv.FormatInt(m.patron.ID, 10)}, "target": {"campaign:" + strconv.FormatInt(m.campaign.ID, 10)},
		"schedule": {"monthly"}, "amount": {"100 000"}, "months": {"12"}, "starts_on": {kzToday().String()}}
	if code, _, _ = b.post("/pledges", pledge); code != http.StatusSeeOther {
		t.Errorf("a pledge: %d", code)
	}
	pledge.Set("months", "0")
	if code, page, _ = b.post("/pledges", pledge); code != http.StatusUnprocessableEntity || !strings.Contains(page, "От 1 до 120 месяцев") {
		t.Errorf("a pledge of no months: %d", code)
	}
}
