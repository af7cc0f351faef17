package parasat

import "time"

// Sex as recorded in documents.
type Sex string

const (
	Male   Sex = "male"
	Female Sex = "female"
)

// Valid reports whether s is male or female.
func (s Sex) Valid() bool { return s == Male || s == Female }

// IINProblem says what makes an IIN invalid: "length", "digits",
// "never_issued" or "checksum"; "" for a valid one.
func IINProblem(iin string) string { return IdentityNumberProblem(iin) }

// IINWarnings compares what a valid IIN encodes with the entered birth date
// and sex. IINs issued since 2013 need not encode them, so a disagreement is
// a warning to check the documents, never a refusal. An IIN whose seventh
// digit is not a century-and-sex digit (1–6) encodes nothing.
func IINWarnings(iin string, birth Date, sex Sex) []FieldError {
	if IINProblem(iin) != "" {
		return nil
	}
	c := iin[6]
	if c < '1' || c > '6' {
		return nil
	}
	var w []FieldError
	century := 1800 + 100*int((c-'1')/2)
	year := century + int(iin[0]-'0')*10 + int(iin[1]-'0')
	month := time.Month(int(iin[2]-'0')*10 + int(iin[3]-'0'))
	day := int(iin[4]-'0')*10 + int(iin[5]-'0')
	encoded := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if encoded.Month() != month || encoded.Day() != day || !birth.IsZero() && !encoded.Equal(birth.Time) {
		w = append(w, FieldError{Field: "birth_date", Code: "iin.birth_mismatch",
			Message: "the IIN encodes the birth date " + encoded.Format("2006-01-02") + "; check the documents"})
	}
	encodedSex := Male
	if (c-'0')%2 == 0 {
		encodedSex = Female
	}
	if sex.Valid() && sex != encodedSex {
		w = append(w, FieldError{Field: "sex", Code: "iin.sex_mismatch",
			Message: "the IIN encodes the sex " + string(encodedSex) + "; check the documents"})
	}
	return w
}
