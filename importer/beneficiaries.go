package importer

import (
	"time"

	"github.com/parasat-kz/parasat"
)

// BeneficiaryFields lists the fields of an import of people helped.
var BeneficiaryFields = []Field{FullName, IIN, BirthDate, SexField, Region, LatinName, Address, Phone, Categories, Notes}

// Beneficiaries is the schema of people helped, checked on now (the day in
// Kazakhstan decides what is in the future). A person is known by IIN.
func Beneficiaries(regions []parasat.Region, now time.Time) Schema[*parasat.Beneficiary] {
	resolve := regionResolver(regions)
	return Schema[*parasat.Beneficiary]{
		Kind:     "beneficiaries",
		Fields:   BeneficiaryFields,
		Required: []Field{FullName, IIN, BirthDate, SexField, Region},
		Read: func(v map[Field]string) (*parasat.Beneficiary, []parasat.FieldError) {
			var r reader
			b := &parasat.Beneficiary{FullName: v[FullName], IIN: digitsOnly.Replace(v[IIN]),
				BirthDate: r.date(BirthDate, v[BirthDate]), Sex: parseSex(v[SexField]), Region: r.region(resolve, v[Region]),
				LatinName: v[LatinName], Address: v[Address], Phone: v[Phone], Notes: v[Notes],
				Categories: r.categories(v[Categories]), Organisations: []int64{}}
			b.Normalize()
			return b, r.problems
		},
		Validate: func(b *parasat.Beneficiary) error { return b.Validate(now) },
		Repeated: parasat.FieldError{Field: "iin", Code: "iin.twice_in_file", Message: "the same IIN is on an earlier line"},
	}
}
