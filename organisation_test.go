package parasat

import (
	"errors"
	"testing"
)

func TestOrganisationValidate(t *testing.T) {
	valid := func() Organisation {
		return Organisation{Name: Names{RU: "Совет матерей"}, Type: OrgMothersCouncil, Region: "KZ-71",
			BIN: "190440000010", Contacts: Contacts{Phone: "+7 (7172) 55-00-00", Email: "ana@example.kz", Website: "https://example.kz"}}
	}
	o := valid()
	if err := o.Validate(); err != nil {
		t.Fatalf("valid organisation refused: %v", err)
	}
	cases := map[string]func(*Organisation){
		"name":             func(o *Organisation) { o.Name = Names{} },
		"type":             func(o *Organisation) { o.Type = "" },
		"region":           func(o *Organisation) { o.Region = "71" },
		"bin":              func(o *Organisation) { o.BIN = "010000000370" },
		"contacts.email":   func(o *Organisation) { o.Contacts.Email = "Ana <ana@example.kz>" },
		"contacts.phone":   func(o *Organisation) { o.Contacts.Phone = "12345" },
		"contacts.website": func(o *Organisation) { o.Contacts.Website = "example.kz" },
		"parent_id":        func(o *Organisation) { o.ID = 5; o.ParentID = &o.ID },
	}
	for field, breakIt := range cases {
		o := valid()
		breakIt(&o)
		err := o.Validate()
		var e *Error
		if !errors.As(err, &e) || e.Code != EInvalid || len(e.Fields) != 1 || e.Fields[0].Field != field {
			t.Errorf("breaking %s: %v; want one invalid field %s", field, err, field)
		}
	}
}

func TestNormalizeTrimsAndUppercasesRegion(t *testing.T) {
	o := Organisation{Name: Names{KK: "  Жастар  "}, Region: " kz-75 ", BIN: " 190440000010 "}
	o.Normalize()
	if o.Name.KK != "Жастар" || o.Region != "KZ-75" || o.BIN != "190440000010" {
		t.Errorf("after Normalize: %+v", o)
	}
}

func TestNamesBestFallsBack(t *testing.T) {
	n := Names{RU: "Дом дружбы"}
	if n.Best(English) != "Дом дружбы" || n.Best(Russian) != "Дом дружбы" {
		t.Errorf("Best = %q", n.Best(English))
	}
	if (Names{}).Best(Kazakh) != "" || !(Names{}).IsEmpty() {
		t.Error("empty names")
	}
}
