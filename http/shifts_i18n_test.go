package http

import (
	"os"
	"path/filepath"
	"regexp"
)

// The keys the shift pages build in Go: the audit log's names of the new
// records, the code of the form's own field error, and the codes of the
// store's refusals written conflict("field", "code", …).
var conflictCode = regexp.MustCompile(`conflict\("[^"]*", "([a-z0-9_.]+)"`)

func init() {
	builtKeys = append(builtKeys, "entity.shift", "entity.shift_signup", "field.shift.capacity_number",
		"field.shift.hours_number", "field.shift.no_volunteer_record")
	files, _ := filepath.Glob("../sqlstore/*.go")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range conflictCode.FindAllStringSubmatch(string(b), -1) {
			builtKeys = append(builtKeys, "field."+m[1])
		}
	}
}
