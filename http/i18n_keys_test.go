package http

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/importer"
	"github.com/parasat-kz/parasat/report"
)

// Every message key the pages use exists in the catalogues, and every key in
// the catalogues is used: a missing key would show the key itself, an unused
// one is a translation nobody reads.

var (
	// Keys written literally: T .T "x", T $.T "x", .T("x"), .N("x", …),
	// newPage(w, r, "x", …), setFlash(w, "x"), MessageKey: "x".
	literalKey = regexp.MustCompile(`(?:T \$?\.T|\.T\(|\.N\(|N \.T|N \$\.T|newPage\(w, r,|setFlash\(w,|MessageKey:|T \$\.T|T \.T) ?"([a-z_]+(?:\.[a-z_]+)+)"|"((?:flash|confirm)\.[a-z_]+)"`)
	// Keys built from a prefix and a value: (print "role." .Role).
	printedKey = regexp.MustCompile(`print "([a-z_.]+\.)"`)
	// Domain field-error codes, translated as "field.<code>".
	fieldCode = regexp.MustCompile(`(?:p\.Add\([^,]+, |Code: )"([a-z0-9_.]+)"`)
)

func sourceFiles(t *testing.T, patterns ...string) string {
	t.Helper()
	var all strings.Builder
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all.Write(b)
		}
	}
	return all.String()
}

func catalogueKeys(t *testing.T) map[string]bool {
	t.Helper()
	names, err := i18n.CatalogueFiles(parasat.English)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, name := range names {
		b, err := i18n.CatalogueFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k := range m {
			keys[k] = true
		}
	}
	return keys
}

func TestMessageKeysAreDefinedAndUsed(t *testing.T) {
	pages := sourceFiles(t, "*.go", "templates/*.html", "../mail/*.go", "../mail/templates/*")
	keys := catalogueKeys(t)
	used := map[string]bool{}
	for _, m := range literalKey.FindAllStringSubmatch(pages, -1) {
		used[m[1]+m[2]] = true
	}
	// Families of keys built at run time, with every value they can take.
	families := map[string][]string{
		"role.":         toStrings(parasat.Roles),
		"orgtype.":      toStrings(parasat.OrganisationTypes),
		"lang.":         toStrings(parasat.Languages),
		"audit.action.": {"create", "update", "delete"},
		"entity.": {"organisation", "region", "user", "role_grant", "api_token", "beneficiary", "household", "volunteer", "patron", "skill", "job",
			"campaign", "donation", "pledge", "ledger_entry", "goods_gift", "stock_movement"},
		"jobs.status.":  toStrings(parasat.JobStatuses),
		"category.":     toStrings(parasat.Categories),
		"doctype.":      toStrings(parasat.DocumentTypes),
		"sex.":          {"male", "female"},
		"import.field.": toStrings(append(append(importer.BeneficiaryFields, importer.VolunteerFields...), importer.PatronFields...)),
		"channel.":      toStrings(parasat.Channels),
		"purpose.":      toStrings(parasat.Purposes),
		"entry.":        {"donation", "spending", "transfer", "reversal"},
		"account.":      {"cash", "donations", "transfers_in", "transfers_out", "spending"},
		"unit.":         toStrings(parasat.GoodsUnits),
		"schedule.":     toStrings(parasat.PledgeSchedules),
	}
	for _, m := range printedKey.FindAllStringSubmatch(pages, -1) {
		values, ok := families[m[1]]
		if !ok {
			t.Errorf("templates build keys with the prefix %q, which this test does not know: add its values", m[1])
		}
		for _, v := range values {
			used[m[1]+v] = true
		}
	}
	// Every field-error code the domain, the store and the account service
	// can produce is shown translated.
	domain := sourceFiles(t, "../*.go", "../sqlstore/*.go", "../account/*.go", "../importer/*.go", "../photo/*.go")
	for _, m := range fieldCode.FindAllStringSubmatch(domain, -1) {
		if !strings.HasSuffix(m[1], ".") {
			used["field."+m[1]] = true
		}
	}
	// A BIN's problem is appended to "bin." (see identity_number.go).
	for _, problem := range []string{"length", "digits", "never_issued", "checksum"} {
		used["field.bin."+problem] = true
		used["field.iin."+problem] = true
	}
	used["field.too_long"], used["field.negative"] = true, true // added with a variable code
	for _, k := range report.MessageKeys() {                    // names, definitions, charts and exports of reports
		used[k] = true
	}
	for _, k := range builtKeys {
		used[k] = true
	}
	for _, k := range sortedKeys(used) {
		if !keys[k] {
			t.Errorf("key %q is used but missing from the catalogues", k)
		}
	}
	for _, k := range sortedKeys(keys) {
		if !used[k] {
			t.Errorf("key %q is in the catalogues but no page uses it: remove it or use it", k)
		}
	}
}

// builtKeys are keys that subjects build in Go from a prefix and a value;
// each subject adds its own in an init().
var builtKeys []string

func toStrings[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
