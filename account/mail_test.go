package account

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// queuedMails returns the mails waiting in the queue, oldest first.
func queuedMails(t *testing.T, e *env) []parasat.Mail {
	t.Helper()
	jobs, err := e.db.ListJobs(context.Background(), parasat.JobFilter{Kind: parasat.MailJobKind, Status: parasat.JobQueued})
	if err != nil {
		t.Fatal(err)
	}
	var out []parasat.Mail
	for i := len(jobs) - 1; i >= 0; i-- {
		var m parasat.Mail
		if err := json.Unmarshal(jobs[i].Payload, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func TestInvitationAndResetAreMailedInTheAccountsLanguage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := &parasat.User{Email: "dana@example.kz", Name: "Дана", Language: parasat.Russian}
		link, err := e.svc.Invite(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		mails := queuedMails(t, e)
		if len(mails) != 1 {
			t.Fatalf("after an invitation: %d mails; want 1", len(mails))
		}
		m := mails[0]
		if m.To != "dana@example.kz" || m.Name != "Дана" || m.Lang != parasat.Russian || m.Template != MailInvitation ||
			m.Data["token"] != link || m.Data["expires"] != start.Add(e.svc.InviteTTL).Format(time.RFC3339) {
			t.Errorf("invitation mail = %+v", m)
		}

		first, who, err := e.svc.RequestReset(ctx, "Dana@example.kz")
		if err != nil || who == nil || first == "" {
			t.Fatalf("RequestReset = %q, %v, %v", first, who, err)
		}
		e.advance(time.Minute)
		again, who, err := e.svc.RequestReset(ctx, "dana@example.kz")
		if err != nil || again != "" || who != nil {
			t.Errorf("a second request a minute later = %q, %v, %v; want no new link", again, who, err)
		}
		if mails = queuedMails(t, e); len(mails) != 2 || mails[1].Template != MailPasswordReset || mails[1].Data["token"] != first {
			t.Fatalf("after two requests: %+v; want the invitation and one reset mail", mails)
		}
		e.advance(ResetMailInterval)
		if later, _, err := e.svc.RequestReset(ctx, "dana@example.kz"); err != nil || later == "" {
			t.Errorf("a request after the interval = %q, %v; want a new link", later, err)
		}
		if mails = queuedMails(t, e); len(mails) != 3 {
			t.Errorf("%d mails; want 3", len(mails))
		}
	})
}
