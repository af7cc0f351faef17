package parasat

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Money is counted in tiyn (1 ₸ = 100 tiyn), as int64, never as a float.

// validateAmount checks an amount of money in tiyn: more than zero and not
// absurd (above MaxAmount, the bound of every amount in Parasat).
func validateAmount(p *Problems, field string, tiyn int64) {
	switch {
	case tiyn <= 0:
		p.Add(field, "amount.positive", "must be more than zero")
	case tiyn > MaxAmount:
		p.Add(field, "amount.absurd", "is more than 1 500 000 000 ₸; check the number of zeros")
	}
}

// validateText trims nothing: it checks that an already trimmed free text is
// within max characters.
func validateText(p *Problems, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		if max == maxLongText {
			p.Add(field, "too_long_2000", "must be at most 2000 characters")
		} else {
			p.Add(field, "too_long", "must be at most 300 characters")
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// IdempotencyKey makes a write safe to retry: the store records the first
// request with a key and answers every later one with the same key with the
// same result, without recording anything again. Hash is a digest of the
// request (its operation and body): the same key with another request is a
// conflict. The store sets Replayed when it answered from a stored result.
type IdempotencyKey struct {
	Key      string
	UserID   int64
	Hash     string
	Replayed bool
}

type idempotencyKey struct{}

// WithIdempotency returns a context whose writes use the key k.
func WithIdempotency(ctx context.Context, k *IdempotencyKey) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, k)
}

// IdempotencyFrom returns the key carried by ctx, or nil.
func IdempotencyFrom(ctx context.Context) *IdempotencyKey {
	k, _ := ctx.Value(idempotencyKey{}).(*IdempotencyKey)
	return k
}
