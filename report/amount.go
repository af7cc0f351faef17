package report

import (
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// Amounts of money are said the way people say them, and never more than
// they are: the amount is cut down (never rounded up) to
//   - whole tenge below 10 000 ₸ ("999 тенге"), and below 1 000 000 ₸ when
//     it is a whole number of thousands ("250 000 тенге");
//   - whole thousands otherwise below a million ("более 14 тысяч тенге");
//   - tenths of a million below 100 million ("2,3 млн тенге", "более 14
//     миллионов тенге" for 14 080 000 ₸: a zero tenth is not written), whole
//     millions up to a billion, and the same in billions above;
//
// and "more than" is said exactly when something was cut off (tiyn
// included). Whole millions are written in words ("14 миллионов"),
// fractions with the abbreviation ("2,3 млн"), as the press does.

// spoken is an amount of money as it is said.
type spoken struct {
	scale  int   // 0: digits; 1: thousands; 2: millions; 3: billions
	whole  int64 // digits (scale 0) or whole units of the scale
	tenths int64 // 0–9: tenths of a million or billion
	more   bool  // something was cut off: "more than"
}

func speak(tiyn int64) spoken {
	t, cut := tiyn/100, tiyn%100 != 0
	switch {
	case t < 10_000 || t < 1_000_000 && t%1000 == 0:
		return spoken{whole: t, more: cut}
	case t < 1_000_000:
		return spoken{scale: 1, whole: t / 1000, more: true}
	}
	scale, unit := 2, int64(1_000_000)
	if t >= 1_000_000_000 {
		scale, unit = 3, 1_000_000_000
	}
	if t >= 100*unit {
		return spoken{scale: scale, whole: t / unit, more: cut || t%unit != 0}
	}
	tenths := t / (unit / 10)
	return spoken{scale: scale, whole: tenths / 10, tenths: tenths % 10, more: cut || t%(unit/10) != 0}
}

// decimal writes whole,tenths with the language's decimal separator.
func (s spoken) decimal(l *i18n.Localizer) string {
	sep := ","
	if l.Lang() == parasat.English {
		sep = "."
	}
	return l.Number(s.whole) + sep + strconv.FormatInt(s.tenths, 10)
}

// Russian plural forms of integers (CLDR): one (1, 21, 101), few (2–4,
// 22–24), many (0, 5–20, 25–30, 111).
const (
	ruOne = iota
	ruFew
	ruMany
)

func ruForm(n int64) int {
	if n < 0 {
		n = -n
	}
	switch d, h := n%10, n%100; {
	case d == 1 && h != 11:
		return ruOne
	case d >= 2 && d <= 4 && (h < 12 || h > 14):
		return ruFew
	}
	return ruMany
}

// ruNoun picks the form of a noun after the number n: ruNoun(22, "час",
// "часа", "часов") = "часа".
func ruNoun(n int64, one, few, many string) string {
	return [...]string{one, few, many}[ruForm(n)]
}

// ruGenitiveNoun picks the form after a number in the genitive ("более
// 21 часа", "более 22 часов"): singular after one, plural otherwise.
func ruGenitiveNoun(n int64, sg, pl string) string {
	if ruForm(n) == ruOne {
		return sg
	}
	return pl
}

const nbsp = "\u00a0"

// ruMoney says an amount in Russian: "более 14 миллионов тенге",
// "2,3 млн тенге", "999 тенге".
func ruMoney(l *i18n.Localizer, tiyn int64) string {
	s := speak(tiyn)
	var out string
	switch {
	case s.scale == 0:
		out = l.Number(s.whole) + nbsp + "тенге"
	case s.tenths != 0:
		out = s.decimal(l) + nbsp + [...]string{2: "млн", 3: "млрд"}[s.scale] + " тенге"
	case s.more:
		unit := [...][2]string{1: {"тысячи", "тысяч"}, 2: {"миллиона", "миллионов"}, 3: {"миллиарда", "миллиардов"}}[s.scale]
		out = l.Number(s.whole) + nbsp + ruGenitiveNoun(s.whole, unit[0], unit[1]) + " тенге"
	default:
		unit := [...][3]string{2: {"миллион", "миллиона", "миллионов"}, 3: {"миллиард", "миллиарда", "миллиардов"}}[s.scale]
		out = l.Number(s.whole) + nbsp + ruNoun(s.whole, unit[0], unit[1], unit[2]) + " тенге"
	}
	if s.more {
		return "более " + out
	}
	return out
}

// kkMoney says an amount in Kazakh. "More than" is the ablative with
// астам, on the word the amount ends with: "14 миллионнан астам теңге",
// "14 мыңнан астам теңге", "2,3 млн теңгеден астам", "999 теңгеден астам".
// endsMore tells whether the phrase ends with астам.
func kkMoney(l *i18n.Localizer, tiyn int64) (phrase string, endsMore bool) {
	s := speak(tiyn)
	unit := [...]string{1: "мың", 2: "миллион", 3: "миллиард"}[s.scale]
	switch {
	case s.scale == 0 || s.tenths != 0:
		num := l.Number(s.whole) + nbsp
		if s.tenths != 0 {
			num = s.decimal(l) + nbsp + [...]string{2: "млн", 3: "млрд"}[s.scale] + " "
		}
		if s.more {
			return num + "теңгеден астам", true
		}
		return num + "теңге", false
	case s.more:
		return l.Number(s.whole) + nbsp + unit + kkSuffix(unit, kkAblative) + " астам теңге", false
	}
	return l.Number(s.whole) + nbsp + unit + " теңге", false
}

// enMoney says an amount in English: "more than 14 million tenge",
// "2.3 million tenge", "999 tenge".
func enMoney(l *i18n.Localizer, tiyn int64) string {
	s := speak(tiyn)
	var out string
	switch {
	case s.scale == 0:
		out = l.Number(s.whole) + nbsp + "tenge"
	case s.tenths != 0:
		out = s.decimal(l) + nbsp + [...]string{2: "million", 3: "billion"}[s.scale] + " tenge"
	default:
		out = l.Number(s.whole) + nbsp + [...]string{1: "thousand", 2: "million", 3: "billion"}[s.scale] + " tenge"
	}
	if s.more {
		return "more than " + out
	}
	return out
}
