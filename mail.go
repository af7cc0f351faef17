package parasat

import (
	"net/mail"
	"strings"
)

// MailJobKind is the kind of the job that sends one mail.
const MailJobKind = "mail"

// Mail is one message to one person, queued to be rendered and sent by the
// mail package: Template names a registered template (mail/templates), Data
// is what that template shows. It is stored as JSON until it is sent, so
// Data holds plain values (strings, numbers, times).
type Mail struct {
	To   string `json:"to"`
	Name string `json:"name,omitempty"` // the recipient's name, for the greeting
	// Lang is the recipient's language (their account's); Kazakh when empty.
	Lang     Language       `json:"lang,omitempty"`
	Template string         `json:"template"`
	Data     map[string]any `json:"data,omitempty"`
}

// Normalize trims the address and defaults the language to Kazakh.
func (m *Mail) Normalize() {
	m.To = strings.TrimSpace(m.To)
	m.Name = strings.TrimSpace(m.Name)
	switch m.Lang {
	case Kazakh, Russian, English:
	default:
		m.Lang = Kazakh
	}
}

// Validate checks what can be checked before the mail is queued.
func (m *Mail) Validate() error {
	var p Problems
	if a, err := mail.ParseAddress(m.To); err != nil || a.Address != m.To {
		p.Add("to", "email", "must be an e-mail address such as name@example.kz")
	}
	if m.Template == "" {
		p.Add("template", "required", "is required")
	}
	return p.Err()
}

// Job returns the spec of the job that sends m; set its Key or RunAt for a
// mail that must be sent once or later (a reminder).
func (m Mail) Job() JobSpec {
	m.Normalize()
	return JobSpec{Kind: MailJobKind, Payload: m}
}
