package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/parasat-kz/parasat"
)

// Handler performs one job. It returns nil when the job is done, an error
// to try again later (with backoff), or Permanent(err) to give up at once.
// It should stop when ctx ends: on shutdown after --shutdown-grace, or when
// the job's lease was lost to another worker.
type Handler func(ctx context.Context, t *Task) error

// Task is a job being performed: the job as claimed (Attempts counts this
// attempt) and what the handler may report back.
type Task struct {
	parasat.Job
	runner *Runner

	mu           sync.Mutex
	done, total  int64
	lastProgress time.Time
	result       []byte
}

// Decode reads the job's payload into v. Numbers in maps stay json.Number.
func (t *Task) Decode(v any) error {
	d := json.NewDecoder(bytes.NewReader(t.Payload))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return Permanent(fmt.Errorf("job %d: the payload does not decode as %T: %w", t.ID, v, err))
	}
	return nil
}

// Progress reports that done of total units are performed (rows exported,
// mails sent). It is written at most once a second and whenever done
// reaches total; an error means the job is no longer this worker's, and
// the handler should stop.
func (t *Task) Progress(ctx context.Context, done, total int64) error {
	t.mu.Lock()
	t.done, t.total = done, total
	now := t.runner.Now()
	due := now.Sub(t.lastProgress) >= time.Second || total > 0 && done >= total
	if due {
		t.lastProgress = now
	}
	t.mu.Unlock()
	if !due {
		return nil
	}
	return t.runner.extend(ctx, t)
}

func (t *Task) progress() (done, total int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.done, t.total
}

// SetResult keeps v, as JSON, with the job when it is done: where an export
// was written, the Message-ID of a mail. The payload itself is cleared.
func (t *Task) SetResult(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	t.mu.Lock()
	t.result = b
	t.mu.Unlock()
	return nil
}

// permanentError marks an error that no retry can cure.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as final: the job fails now, without further attempts
// (a template that does not exist, an address the mail server refuses).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err, or an error it wraps, was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}
