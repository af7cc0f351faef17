package parasat

// Kazakhstan's IIN (people) and BIN (organisations) share one 12-digit format
// whose last digit is a check digit computed in up to two passes.

var (
	checkWeights1 = [11]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	checkWeights2 = [11]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}
)

// IdentityNumberProblem says what is wrong with a 12-digit IIN or BIN, or ""
// when it is well-formed and its check digit is right. The answer is a
// stable code: "length", "digits", "never_issued" or "checksum".
func IdentityNumberProblem(s string) string {
	if len(s) != 12 {
		return "length"
	}
	var d [12]int
	for i := 0; i < 12; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return "digits"
		}
		d[i] = int(c - '0')
	}
	check, ok := checkDigit(d)
	if !ok {
		return "never_issued" // numbers whose second pass gives 10 are never issued
	}
	if check != d[11] {
		return "checksum"
	}
	return ""
}

// CheckDigit computes the twelfth digit of an IIN or BIN from its first 11
// digits; ok is false when neither pass gives one (such numbers are never
// issued) or when first11 is not 11 digits.
func CheckDigit(first11 string) (digit int, ok bool) {
	if len(first11) != 11 {
		return 0, false
	}
	var d [12]int
	for i := 0; i < 11; i++ {
		if first11[i] < '0' || first11[i] > '9' {
			return 0, false
		}
		d[i] = int(first11[i] - '0')
	}
	return checkDigit(d)
}

func checkDigit(d [12]int) (int, bool) {
	check := weightedMod11(d, checkWeights1)
	if check == 10 {
		check = weightedMod11(d, checkWeights2)
	}
	return check, check != 10
}

func weightedMod11(d [12]int, w [11]int) int {
	sum := 0
	for i := 0; i < 11; i++ {
		sum += d[i] * w[i]
	}
	return sum % 11
}

// identityNumberMessages are the English fallbacks for IdentityNumberProblem codes.
var identityNumberMessages = map[string]string{
	"length":       "must be exactly 12 digits",
	"digits":       "must contain digits only",
	"never_issued": "is not a number that is ever issued (its check digit cannot be computed)",
	"checksum":     "has a wrong check digit; please check for a typing mistake",
}
