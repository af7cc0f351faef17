package http

import "github.com/parasat-kz/parasat"

// The keys the events pages build from a value: kinds and items of help,
// the audit log's names of the new records, and the codes of the form's own
// field errors.
func init() {
	for _, k := range parasat.AidKinds {
		builtKeys = append(builtKeys, "aid.kind_"+string(k))
		for _, item := range parasat.AidItems[k] {
			builtKeys = append(builtKeys, "aid.item_"+item)
		}
	}
	builtKeys = append(builtKeys, "entity.event", "entity.aid_record", "field.amount", "field.date_time",
		"field.aid.no_recipients", "field.photo.required", "field.photo.too_large")
}
