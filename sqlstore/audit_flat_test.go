package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// flatJSON writes what flatten and jsonOrNull write for a created record.
func TestFlatJSONMatchesFlatten(t *testing.T) {
	patron, pledge := int64(7), int64(3)
	for name, v := range map[string]any{
		"a gift with its receipt": &parasat.Donation{ID: 12, Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &patron,
			Name: `«Береке» "ЖШС" <a&b> \ ә`, Public: true, Language: parasat.Russian}, Amount: 1_500_000_000_00, PledgeID: &pledge,
			ReceivedOn: parasat.Date{Time: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}, Channel: parasat.ChannelKaspi,
			Designation: parasat.Designation{Kind: parasat.DesignateEvent, ID: 4}, Receipt: &parasat.Receipt{ID: 1, Number: 42, Year: 2026},
			Recorded: time.Date(2026, 3, 10, 9, 30, 0, 123456000, time.UTC), Partners: []int64{1, 2}},
		"an entry with postings": &parasat.LedgerEntry{ID: 5, Kind: parasat.EntryTransfer, Postings: []parasat.Posting{
			{Account: "cash", FundID: 1, Amount: -100, BalanceAfter: 0}, {Account: "cash", FundID: 2, Amount: 100, BalanceAfter: 100}},
			To: &parasat.Designation{Kind: parasat.DesignateGeneral, ID: 2}},
		"an event with a map": &parasat.EventResults{ValueByKind: map[parasat.AidKind]int64{parasat.AidMoney: 5, parasat.AidGoods: 7}},
		"empty nested objects and odd keys": map[string]any{"a": map[string]any{}, "b\"c": map[string]any{"d\\e": nil, "f": []any{map[string]any{"x": 1}, "]"}},
			"updated_at": "dropped", "n": 1 << 60, "s": "}{][,:"},
	} {
		fast, err := flatJSON(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fields, err := flatten(v)
		if err != nil {
			t.Fatal(err)
		}
		_, changed := changedFields(nil, fields)
		slow := jsonOrNull(changed, false).(string)
		var a, b map[string]any
		if err := json.Unmarshal([]byte(fast), &a); err != nil {
			t.Fatalf("%s: flatJSON wrote %s: %v", name, fast, err)
		}
		if err := json.Unmarshal([]byte(slow), &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s:\nflatJSON %s\nflatten  %s", name, fast, slow)
		}
	}
}
