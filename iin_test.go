package parasat

import (
	"strconv"
	"testing"
)

// withCheckDigit completes 11 digits with their check digit, or "" when no
// check digit exists (such numbers are never issued).
func withCheckDigit(first11 string) string {
	c, ok := CheckDigit(first11)
	if !ok {
		return ""
	}
	return first11 + strconv.Itoa(c)
}

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestIINOfBothCenturiesAndSexes(t *testing.T) {
	cases := []struct {
		prefix string
		birth  string
		sex    Sex
	}{
		{"850315300", "1985-03-15", Male},   // 3: 1900s, male
		{"920726400", "1992-07-26", Female}, // 4: 1900s, female
		{"050101500", "2005-01-01", Male},   // 5: 2000s, male
		{"111231600", "2011-12-31", Female}, // 6: 2000s, female
		{"991208100", "1899-12-08", Male},   // 1: 1800s, male
	}
	for _, c := range cases {
		var iin string
		for tail := 10; iin == ""; tail++ {
			iin = withCheckDigit(c.prefix + strconv.Itoa(tail))
		}
		if p := IINProblem(iin); p != "" {
			t.Errorf("%s: %s", iin, p)
		}
		if w := IINWarnings(iin, mustDate(c.birth), c.sex); len(w) != 0 {
			t.Errorf("%s with %s %s: warnings %v", iin, c.birth, c.sex, w)
		}
		other := Male
		if c.sex == Male {
			other = Female
		}
		w := IINWarnings(iin, mustDate("2000-02-02"), other)
		if len(w) != 2 || w[0].Code != "iin.birth_mismatch" || w[1].Code != "iin.sex_mismatch" {
			t.Errorf("%s with a wrong birth date and sex: %v; want both warnings", iin, w)
		}
		wrong := iin[:11] + strconv.Itoa((int(iin[11]-'0')+1)%10)
		if IINProblem(wrong) != "checksum" {
			t.Errorf("%s: a wrong check digit is accepted", wrong)
		}
	}
}

func TestIINInvalidKinds(t *testing.T) {
	for iin, want := range map[string]string{
		"85031530001":   "length",
		"8503153000123": "length",
		"85031530001x":  "digits",
		"85-315300012":  "digits",
		"010000000370":  "never_issued",
	} {
		if got := IINProblem(iin); got != want {
			t.Errorf("IINProblem(%q) = %q; want %q", iin, got, want)
		}
	}
}

func TestIINWithoutEncodedDataGivesNoWarning(t *testing.T) {
	var iin string
	for tail := 10; iin == ""; tail++ {
		iin = withCheckDigit("850315000" + strconv.Itoa(tail)) // seventh digit 0: nothing encoded
	}
	if w := IINWarnings(iin, mustDate("1970-01-01"), Female); len(w) != 0 {
		t.Errorf("an IIN encoding nothing warned: %v", w)
	}
}

// Numbers worked out by hand (not with CheckDigit), so that the algorithm
// is tested against the rule itself: weights 1..11, and when that gives 10,
// weights 3..11,1,2.
func TestIINCheckDigitByHand(t *testing.T) {
	for iin, want := range map[string]struct {
		birth string
		sex   Sex
	}{
		"850315300108": {"1985-03-15", Male},   // century digit 3: 1900s, male
		"920726400104": {"1992-07-26", Female}, // 4: 1900s, female
		"050101500103": {"2005-01-01", Male},   // 5: 2000s, male
		"111231600109": {"2011-12-31", Female}, // 6: 2000s, female
		"991208100104": {"1899-12-08", Male},   // 1: 1800s, male
		"991208200100": {"1899-12-08", Female}, // 2: 1800s, female
		// First pass: 8·1+5·2+0·3+3·4+1·5+5·6+3·7+0·8+1·9+8·10+0·11 = 175, 175 mod 11 = 10;
		// second pass: 8·3+5·4+0·5+3·6+1·7+5·8+3·9+0·10+1·11+8·1+0·2 = 155, 155 mod 11 = 1.
		"850315301801": {"1985-03-15", Male},
	} {
		if p := IINProblem(iin); p != "" {
			t.Errorf("%s: %s", iin, p)
		}
		if w := IINWarnings(iin, mustDate(want.birth), want.sex); len(w) != 0 {
			t.Errorf("%s: warnings %v", iin, w)
		}
	}
	// Both passes give 10 for 85031530260: no twelfth digit makes it valid.
	for d := 0; d <= 9; d++ {
		if p := IINProblem("85031530260" + strconv.Itoa(d)); p != "never_issued" {
			t.Errorf("85031530260%d: %q; want never_issued", d, p)
		}
	}
	if p := IINProblem("850315301800"); p != "checksum" { // the first pass's 10 taken as 0
		t.Errorf("850315301800: %q; want checksum", p)
	}
}
