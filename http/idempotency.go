package http

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// IdempotencyInput is the header of API writes that may be retried: the
// same key with the same request records once and answers the same; with
// another request it is a 409.
type IdempotencyInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"200" doc:"A unique key chosen by the client (a UUID); a retried request with the same key and body is recorded once and answered the same"`
}

// ReplayHeader tells a client that the answer is the stored answer of an
// earlier request with the same Idempotency-Key.
type ReplayHeader struct {
	Replayed string `header:"Idempotent-Replayed" doc:"true when this is the stored answer of an earlier request with the same key"`
}

// withIdempotency returns the context a write runs with: carrying the key,
// scoped to the caller's account, and a digest of the operation and its
// body (re-encoded, so spacing and field order do not matter).
func withIdempotency(ctx context.Context, in IdempotencyInput, operation string, body any) (context.Context, *parasat.IdempotencyKey, error) {
	if in.IdempotencyKey == "" {
		return ctx, nil, nil
	}
	u := currentUser(ctx)
	if u == nil {
		return ctx, nil, huma.Error401Unauthorized("an Idempotency-Key needs an API token")
	}
	b, err := json.Marshal(body)
	if err != nil {
		return ctx, nil, err
	}
	sum := sha256.Sum256(append([]byte(operation+"\n"), b...))
	k := &parasat.IdempotencyKey{Key: in.IdempotencyKey, UserID: u.ID, Hash: hex.EncodeToString(sum[:])}
	return parasat.WithIdempotency(ctx, k), k, nil
}

// replayed is the value of the Idempotent-Replayed header.
func replayed(k *parasat.IdempotencyKey) ReplayHeader {
	if k != nil && k.Replayed {
		return ReplayHeader{Replayed: "true"}
	}
	return ReplayHeader{}
}

// idempotencyError maps the store's refusal of a reused key to a 409 at
// the header, and everything else as usual.
func (s *Server) idempotencyError(err error) error {
	var e *parasat.Error
	if errors.As(err, &e) && e.Code == parasat.EConflict && len(e.Fields) == 1 && e.Fields[0].Code == "idempotency.reused" {
		return huma.Error409Conflict(e.Message, &huma.ErrorDetail{Location: "header.Idempotency-Key", Message: e.Fields[0].Message,
			Value: e.Fields[0].Code})
	}
	return s.apiError(err)
}
