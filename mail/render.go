package mail

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"net/mail"
	"net/url"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/jobs"
)

//go:embed templates/*
var templateFiles embed.FS

// templates are the parsed mail templates by name.
type templates struct {
	text map[string]*texttemplate.Template
	html map[string]*htmltemplate.Template
}

func (t *templates) names() []string {
	out := make([]string, 0, len(t.text))
	for n := range t.text {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// view is what a template sees.
type view struct {
	T    *i18n.Localizer
	Lang parasat.Language
	Name string
	Data map[string]any
}

func loadTemplates(publicURL string) (*templates, error) {
	funcs := map[string]any{
		"T": func(l *i18n.Localizer, key string, args ...any) string { return l.T(key, args...) },
		"N": func(l *i18n.Localizer, key string, n any, args ...any) (string, error) {
			c, err := integer(n)
			return l.N(key, int(c), args...), err
		},
		// link makes an absolute URL of Parasat: link "/password/set" "token" .Data.token
		"link": func(p string, kv ...any) (string, error) {
			q := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				q.Set(fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1]))
			}
			if len(q) == 0 {
				return publicURL + p, nil
			}
			return publicURL + p + "?" + q.Encode(), nil
		},
		"date": func(l *i18n.Localizer, v any) (string, error) {
			t, err := instant(v)
			return l.Date(t.In(i18n.Zone())), err
		},
		"dateTime": func(l *i18n.Localizer, v any) (string, error) {
			t, err := instant(v)
			return l.DateTime(t.In(i18n.Zone())), err
		},
		"money": func(l *i18n.Localizer, tiyn any) (string, error) {
			n, err := integer(tiyn)
			return l.Money(n), err
		},
	}
	names, err := fs.Glob(templateFiles, "templates/[a-z]*.txt")
	if err != nil {
		return nil, err
	}
	t := &templates{text: map[string]*texttemplate.Template{}, html: map[string]*htmltemplate.Template{}}
	for _, file := range names {
		name := strings.TrimSuffix(path.Base(file), ".txt")
		tt, err := texttemplate.New(path.Base(file)).Option("missingkey=error").Funcs(funcs).
			ParseFS(templateFiles, "templates/_*.txt", file)
		if err != nil {
			return nil, fmt.Errorf("mail template %s: %w", name, err)
		}
		if tt.Lookup("subject") == nil {
			return nil, fmt.Errorf("mail template %s: %s defines no \"subject\"", name, file)
		}
		ht, err := htmltemplate.New("_layout.html").Option("missingkey=error").Funcs(funcs).
			ParseFS(templateFiles, "templates/_*.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("mail template %s: the HTML alternative: %w", name, err)
		}
		t.text[name], t.html[name] = tt, ht
	}
	return t, nil
}

// integer reads a whole number from a template value: JSON numbers of a
// queued mail arrive as json.Number.
func integer(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case json.Number:
		return n.Int64()
	case float64:
		return int64(n), nil
	}
	return 0, fmt.Errorf("%v (%T) is not a whole number", v, v)
}

// instant reads a time from a template value: queued times arrive as
// RFC 3339 strings.
func instant(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case string:
		return time.Parse(time.RFC3339Nano, t)
	}
	return time.Time{}, fmt.Errorf("%v (%T) is not a time", v, v)
}

// Render makes the message msg describes. A mail that cannot be rendered
// (no such template, data missing) will never render: the error is permanent.
func (m *Mailer) Render(msg parasat.Mail, messageID string) (*Message, error) {
	msg.Normalize()
	to, err := mail.ParseAddress(msg.To)
	if err != nil {
		return nil, jobs.Permanent(fmt.Errorf("the recipient %q is not an e-mail address: %v", msg.To, err))
	}
	to.Name = msg.Name
	tt, ok := m.templates.text[msg.Template]
	if !ok {
		return nil, jobs.Permanent(fmt.Errorf("there is no mail template %q", msg.Template))
	}
	v := view{T: m.catalog.For(msg.Lang), Lang: msg.Lang, Name: msg.Name, Data: msg.Data}
	if v.Data == nil {
		v.Data = map[string]any{}
	}
	var subject, text, html bytes.Buffer
	if err := tt.ExecuteTemplate(&subject, "subject", v); err != nil {
		return nil, jobs.Permanent(fmt.Errorf("mail %s: subject: %w", msg.Template, err))
	}
	if err := tt.Execute(&text, v); err != nil {
		return nil, jobs.Permanent(fmt.Errorf("mail %s: text: %w", msg.Template, err))
	}
	if err := m.templates.html[msg.Template].Execute(&html, v); err != nil {
		return nil, jobs.Permanent(fmt.Errorf("mail %s: HTML: %w", msg.Template, err))
	}
	return &Message{
		From: m.from, To: to, Lang: msg.Lang, ID: messageID, Date: m.Now(),
		Subject: strings.Join(strings.Fields(subject.String()), " "),
		Text:    strings.TrimSpace(text.String()) + "\n",
		HTML:    html.String(),
	}, nil
}
