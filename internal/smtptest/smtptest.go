// Package smtptest runs a real SMTP server process on loopback for tests:
// aiosmtpd (Debian's python3-aiosmtpd, `python3 -m aiosmtpd`), which keeps
// every message it receives in a Maildir that the test reads. Without it a
// test is skipped with a NOTE, or fails when CI=true (.ci/run installs it).
package smtptest

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed" // the AUTH server's script
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	findOnce sync.Once
	python   string
)

// interpreter returns a Python that has aiosmtpd, or "".
func interpreter() string {
	findOnce.Do(func() {
		candidates := []string{"/usr/bin/python3"}
		if p, err := exec.LookPath("python3"); err == nil {
			candidates = append(candidates, p)
		}
		for _, p := range candidates {
			if exec.Command(p, "-c", "import aiosmtpd").Run() == nil {
				python = p
				return
			}
		}
	})
	return python
}

var announce sync.Once

// Require skips the test when no SMTP server can be started, saying so once
// per test binary; under CI=true it fails instead.
func Require(t testing.TB) {
	t.Helper()
	if interpreter() != "" {
		return
	}
	const why = "no SMTP server for tests: install Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd)"
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	announce.Do(func() { fmt.Fprintf(os.Stderr, "NOTE: %s; the tests that read mail are SKIPPED\n", why) })
	t.Skip(why)
}

// Options choose how the server protects connections.
type Options struct {
	// STARTTLS offers and requires STARTTLS; ImplicitTLS speaks TLS from the
	// first byte (SMTPS). Either uses Cert.
	STARTTLS, ImplicitTLS bool
	Cert                  *Cert
	// Addr is the address to listen on; empty picks a free loopback port.
	Addr string
	// User and Password, when set, are required with AUTH, after STARTTLS
	// (which Cert then needs): aiosmtpd run by authsmtpd.py.
	User, Password string
}

//go:embed authsmtpd.py
var authServer []byte

// Server is a running SMTP server.
type Server struct {
	Addr string
	dir  string
	cmd  *exec.Cmd
	logs *lockedBuffer
	done chan struct{}
}

// lockedBuffer collects the server's output while the test may read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Start runs a server until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	Require(t)
	s := &Server{Addr: opts.Addr, dir: filepath.Join(t.TempDir(), "maildir"), logs: &lockedBuffer{}, done: make(chan struct{})}
	if s.Addr == "" {
		s.Addr = FreeAddr(t)
	}
	s.cmd = exec.Command(interpreter(), serverArgs(t, opts, s.Addr, s.dir)...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if opts.User != "" {
		stdin, err := s.cmd.StdinPipe() // the script runs until it closes
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { stdin.Close() })
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start aiosmtpd: %v", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(s.Stop)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.DialTimeout("tcp", s.Addr, time.Second); err == nil {
			c.Close()
			return s
		}
		select {
		case <-s.done:
			t.Fatalf("aiosmtpd exited before listening on %s:\n%s", s.Addr, s.logs)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("aiosmtpd did not listen on %s within 30 s", s.Addr)
		}
	}
}

func serverArgs(t testing.TB, opts Options, addr, maildir string) []string {
	if opts.User != "" {
		script := filepath.Join(t.TempDir(), "authsmtpd.py")
		if err := os.WriteFile(script, authServer, 0o600); err != nil {
			t.Fatal(err)
		}
		host, port, _ := net.SplitHostPort(addr)
		return []string{script, host, port, maildir, opts.Cert.CertFile, opts.Cert.KeyFile, opts.User, opts.Password}
	}
	args := []string{"-m", "aiosmtpd", "-n", "-l", addr, "-c", "aiosmtpd.handlers.Mailbox"}
	switch {
	case opts.STARTTLS:
		args = append(args, "--tlscert", opts.Cert.CertFile, "--tlskey", opts.Cert.KeyFile)
	case opts.ImplicitTLS:
		args = append(args, "--smtpscert", opts.Cert.CertFile, "--smtpskey", opts.Cert.KeyFile)
	}
	return append(args, maildir)
}

// FreeAddr returns a loopback address with a port free a moment ago.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Stop ends the server process.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// Message is one mail as it arrived.
type Message struct {
	Raw     []byte
	Header  mail.Header
	From    string
	To      string // the address of the To header
	Subject string // decoded from RFC 2047
	Text    string // the text/plain part, decoded
	HTML    string // the text/html part, decoded
}

// Messages returns what has arrived so far, in the order of arrival.
func (s *Server) Messages(t testing.TB) []*Message {
	t.Helper()
	var files []string
	for _, sub := range []string{"new", "cur"} {
		found, _ := filepath.Glob(filepath.Join(s.dir, sub, "*"))
		files = append(files, found...)
	}
	type arrived struct {
		at   time.Time
		name string
	}
	var list []arrived
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			list = append(list, arrived{st.ModTime(), f})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].at.Before(list[j].at) })
	out := make([]*Message, 0, len(list))
	for _, a := range list {
		raw, err := os.ReadFile(a.name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v\n%s", a.name, err, raw)
		}
		out = append(out, m)
	}
	return out
}

// Wait returns the messages once at least n have arrived, or fails after timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []*Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if got := s.Messages(t); len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d mails arrived within %s; server log:\n%s", len(s.Messages(t)), n, timeout, s.logs)
		}
		time.Sleep(20 * time.Millisecond) // poll the Maildir
	}
}

// Parse reads a message the way a mail program would.
func Parse(raw []byte) (*Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	dec := new(mime.WordDecoder)
	m := &Message{Raw: raw, Header: msg.Header}
	if m.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	if to, err := mail.ParseAddress(msg.Header.Get("To")); err == nil {
		m.To = to.Address
	}
	if from, err := mail.ParseAddress(msg.Header.Get("From")); err == nil {
		m.From = from.Address
	}
	media, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(media, "multipart/") {
		return nil, fmt.Errorf("content type %q: want multipart/alternative (%v)", msg.Header.Get("Content-Type"), err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := parts.NextPart() // undoes quoted-printable
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		switch ct := p.Header.Get("Content-Type"); {
		case strings.HasPrefix(ct, "text/plain"):
			m.Text = string(b)
		case strings.HasPrefix(ct, "text/html"):
			m.HTML = string(b)
		}
	}
}

// Cert is a self-signed certificate for 127.0.0.1 and localhost.
type Cert struct {
	CertFile, KeyFile string
	Pool              *x509.CertPool // trusts it
}

// NewCert writes a fresh certificate and key into the test's directory.
func NewCert(t testing.TB) *Cert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "parasat test SMTP"},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := &Cert{CertFile: filepath.Join(dir, "cert.pem"), KeyFile: filepath.Join(dir, "key.pem"), Pool: x509.NewCertPool()}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(c.CertFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.KeyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	c.Pool.AppendCertsFromPEM(certPEM)
	return c
}

// Lines splits a text body into its non-empty lines, for finding a link.
func Lines(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}
