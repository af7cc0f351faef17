package sqlstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// flatJSON writes the audit values of a record that is created or deleted
// — every field, nested objects as "a.b", without updated_at — straight
// from the record's JSON, as flatten and jsonOrNull would but without
// decoding it into maps and encoding it again: the audit row of every gift
// is written on the group writer, where time is short. Values are copied
// as json.Marshal wrote them (so large integers stay exact).
func flatJSON(v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return flatJSONOf(raw)
}

// flatJSONOf is flatJSON of a record already encoded as JSON.
func flatJSONOf(raw []byte) (string, error) {
	var fields []flatField
	rest, err := flatObject(raw, "", &fields)
	if err != nil {
		return "", err
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return "", errors.New("audit: trailing data after the record's JSON")
	}
	fields = slices.DeleteFunc(fields, func(f flatField) bool { return f.key == "updated_at" })
	slices.SortFunc(fields, func(a, b flatField) int { return strings.Compare(a.key, b.key) })
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if plainKey(f.key) {
			b.WriteByte('"')
			b.WriteString(f.key)
			b.WriteByte('"')
		} else {
			k, _ := json.Marshal(f.key) // a string always marshals
			b.Write(k)
		}
		b.WriteByte(':')
		b.Write(f.value)
	}
	b.WriteByte('}')
	return b.String(), nil
}

// plainKey reports whether a key needs no escaping in JSON: the field
// names of records (letters, digits, _ and .).
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

type flatField struct {
	key   string
	value []byte
}

var errBadJSON = errors.New("audit: the record's JSON is not an object")

// flatObject reads the object at the start of s (compact JSON, as
// json.Marshal writes it), adding its fields under prefix, and returns
// what follows it.
func flatObject(s []byte, prefix string, out *[]flatField) ([]byte, error) {
	if len(s) == 0 || s[0] != '{' {
		return nil, errBadJSON
	}
	s = s[1:]
	if len(s) > 0 && s[0] == '}' {
		return s[1:], nil
	}
	for {
		n := stringEnd(s)
		if n < 0 || len(s) <= n || s[n] != ':' {
			return nil, errBadJSON
		}
		key := string(s[1 : n-1])
		if bytes.IndexByte(s[:n], '\\') >= 0 {
			if err := json.Unmarshal(s[:n], &key); err != nil {
				return nil, err
			}
		}
		s = s[n+1:]
		if len(s) > 0 && s[0] == '{' {
			var err error
			if s, err = flatObject(s, prefix+key+".", out); err != nil {
				return nil, err
			}
		} else {
			end := valueEnd(s)
			if end <= 0 {
				return nil, errBadJSON
			}
			*out = append(*out, flatField{key: prefix + key, value: s[:end]})
			s = s[end:]
		}
		switch {
		case len(s) > 0 && s[0] == ',':
			s = s[1:]
		case len(s) > 0 && s[0] == '}':
			return s[1:], nil
		default:
			return nil, errBadJSON
		}
	}
}

// stringEnd is the length of the JSON string at the start of s, quotes
// included, or −1.
func stringEnd(s []byte) int {
	if len(s) == 0 || s[0] != '"' {
		return -1
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// valueEnd is the length of the JSON value at the start of s (a string, a
// number, true, false, null or an array), or −1.
func valueEnd(s []byte) int {
	if len(s) == 0 {
		return -1
	}
	switch s[0] {
	case '"':
		return stringEnd(s)
	case '[', '{':
		depth := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '"':
				n := stringEnd(s[i:])
				if n < 0 {
					return -1
				}
				i += n - 1
			case '[', '{':
				depth++
			case ']', '}':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	i := 0
	for i < len(s) && s[i] != ',' && s[i] != '}' && s[i] != ']' {
		i++
	}
	return i
}
