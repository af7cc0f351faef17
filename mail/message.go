package mail

import (
	"bytes"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// Message is a rendered mail.
type Message struct {
	From, To *mail.Address
	Lang     parasat.Language
	ID       string // Message-ID without the angle brackets
	Date     time.Time
	Subject  string
	Text     string // the plain-text body
	HTML     string // the HTML alternative
}

// Bytes writes the message in RFC 5322 form: headers in ASCII (names and
// the subject as RFC 2047 encoded-words), a multipart/alternative body with
// the plain text first and the HTML second, both UTF-8 in quoted-printable,
// every line ending in CRLF.
func (msg *Message) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	body := multipart.NewWriter(&buf)
	header := []struct{ name, value string }{
		{"From", msg.From.String()},
		{"To", msg.To.String()},
		{"Subject", encodeText(msg.Subject)},
		{"Date", msg.Date.In(i18n.Zone()).Format(time.RFC1123Z)},
		{"Message-ID", "<" + msg.ID + ">"},
		{"Content-Language", string(msg.Lang)},
		{"Auto-Submitted", "auto-generated"}, // RFC 3834: no auto-replies, please
		{"MIME-Version", "1.0"},
		{"Content-Type", `multipart/alternative; boundary="` + body.Boundary() + `"`},
	}
	var head bytes.Buffer
	for _, h := range header {
		head.WriteString(fold(h.name + ": " + h.value))
		head.WriteString("\r\n")
	}
	head.WriteString("\r\n")
	for _, part := range []struct{ kind, content string }{{"text/plain", msg.Text}, {"text/html", msg.HTML}} {
		w, err := body.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.kind + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(part.content)); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := body.Close(); err != nil {
		return nil, err
	}
	return append(head.Bytes(), buf.Bytes()...), nil
}

// encodeText encodes a header's text as RFC 2047 encoded-words when it is
// not plain ASCII; Go splits a long text into several words.
func encodeText(s string) string {
	for _, r := range s {
		if r >= 0x80 || r < 0x20 {
			return mime.BEncoding.Encode("utf-8", s)
		}
	}
	return s
}

// fold breaks a header line at spaces so that lines stay within 78
// characters where the words allow (RFC 5322 §2.2.3).
func fold(line string) string {
	const limit = 76
	if len(line) <= limit {
		return line
	}
	var out strings.Builder
	width := 0
	for i, word := range strings.Split(line, " ") {
		switch {
		case i == 0:
		case width+1+len(word) > limit:
			out.WriteString("\r\n")
			width = 0
			fallthrough
		default:
			out.WriteByte(' ')
			width++
		}
		out.WriteString(word)
		width += len(word)
	}
	return out.String()
}

// String shows the message for the log: the headers decoded.
func (msg *Message) String() string {
	return fmt.Sprintf("To: %s\nSubject: %s\n\n%s", msg.To, msg.Subject, msg.Text)
}
