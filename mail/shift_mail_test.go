package mail

import (
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// shiftSample is what the store puts in a shift's mails.
var shiftSample = map[string]any{"event": "Азық-түлік себеті", "role": "Тамақ тарату", "starts": "2026-03-17T05:00:00Z",
	"ends": "2026-03-17T09:00:00Z", "place": "Достық үйі, Бейбітшілік 11", "event_id": 42, "position": 0}

// sampleLinks are the links the mails other than a password's carry.
var sampleLinks = map[string]string{
	"shift_confirmed": "https://parasat.example.kz/events/42",
	"shift_promoted":  "https://parasat.example.kz/events/42",
	"shift_reminder":  "https://parasat.example.kz/my/shifts",
}

func TestShiftMailsSayWhatWhenAndWhereInAstanaTime(t *testing.T) {
	m, _ := newMailer(t, Config{})
	for _, name := range []string{"shift_confirmed", "shift_promoted", "shift_reminder"} {
		out, err := m.Render(parasat.Mail{To: "a@example.kz", Name: "Марина", Lang: parasat.Russian, Template: name, Data: shiftSample}, "x@y")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Азық-түлік себеті", "Тамақ тарату", "10:00", "14:00", "время Астаны", "Достық үйі, Бейбітшілік 11",
			"https://parasat.example.kz/my/shifts", "https://parasat.example.kz/events/42"} {
			if !strings.Contains(out.Text, want) || !strings.Contains(out.HTML, want) {
				t.Errorf("%s: %q missing from the text or the HTML:\n%s\n%s", name, want, out.Text, out.HTML)
			}
		}
	}
}
