package parasat

import "testing"

func TestIdentityNumberProblem(t *testing.T) {
	cases := map[string]string{
		"190440000010":  "",             // first pass gives the check digit
		"070140001231":  "",             // another valid one
		"190440000011":  "checksum",     // one digit off
		"1904400000":    "length",       // too short
		"1904400000101": "length",       // too long
		"19044000001a":  "digits",       // a letter
		"010000000370":  "never_issued", // both passes give 10
	}
	for number, want := range cases {
		if got := IdentityNumberProblem(number); got != want {
			t.Errorf("IdentityNumberProblem(%q) = %q; want %q", number, got, want)
		}
	}
}

// TestSecondPass checks a number whose first pass gives 10, so that the
// check digit comes from the second set of weights.
func TestSecondPass(t *testing.T) {
	found := 0
	for n := int64(10000000000); n < 10000002000 && found < 3; n++ {
		var d [12]int
		s := []byte("0" + itoa(n))
		for i := 0; i < 11; i++ {
			d[i] = int(s[i] - '0')
		}
		if weightedMod11(d, checkWeights1) != 10 {
			continue
		}
		second := weightedMod11(d, checkWeights2)
		if second == 10 {
			continue
		}
		found++
		valid := string(s[:11]) + string(rune('0'+second))
		if got := IdentityNumberProblem(valid); got != "" {
			t.Errorf("%s: second-pass check digit %d refused: %s", valid, second, got)
		}
		wrong := string(s[:11]) + string(rune('0'+(second+1)%10))
		if got := IdentityNumberProblem(wrong); got != "checksum" {
			t.Errorf("%s: wrong second-pass digit accepted (%q)", wrong, got)
		}
	}
	if found == 0 {
		t.Fatal("no number with a second pass in the range; widen it")
	}
}

func itoa(n int64) string {
	b := []byte{}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
