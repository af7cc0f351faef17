package parasat

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. The http package maps each to a status and a translated message.
const (
	EInvalid      = "invalid"      // input breaks a rule; Fields says which
	ENotFound     = "not_found"    // no such record (or the caller may not know it exists)
	EConflict     = "conflict"     // the change collides with existing data
	EUnauthorized = "unauthorized" // no or bad credentials
	EForbidden    = "forbidden"    // credentials fine, permission missing
	EInternal     = "internal"     // a bug or an outage; never caused by input
)

// FieldError names one field of the input and why it is wrong. Code is a
// stable key (such as "bin.checksum") that the presentation layer translates;
// Message is a plain English fallback for logs and API clients.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is the one error type the domain returns.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Err     error // the underlying cause, if any
	// Existing names the record a conflict collides with, so that callers
	// who may see that record can be pointed at it.
	Existing *RecordRef
}

// RecordRef names a record and what the policy needs to know about it.
type RecordRef struct {
	Entity   string
	ID       int64
	Resource Resource
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", f.Field, f.Message)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// Problems collects field errors while validating input.
type Problems []FieldError

// Add records a problem with one field.
func (p *Problems) Add(field, code, message string) {
	*p = append(*p, FieldError{Field: field, Code: code, Message: message})
}

// Err returns nil when nothing was recorded, or an EInvalid *Error listing them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "invalid input", Fields: p}
}
