package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

const (
	nbsp  = "\u00a0" // NO-BREAK SPACE: groups digits, ties "₸" to the amount
	minus = "\u2212" // MINUS SIGN, not the hyphen-minus
	tenge = "₸"      // U+20B8 TENGE SIGN
)

// Number formats n with digits grouped by three and a no-break space:
// 1200 → "1 200" in all three languages; negative numbers start with "−".
func (l *Localizer) Number(n int64) string {
	neg, u := split(n)
	s := group(u)
	if neg {
		s = minus + s
	}
	return s
}

// Money formats an amount in tiyn (1 ₸ = 100 tiyn) in tenge, without
// floating point: 1_400_000_000 → "14 000 000 ₸", and with two decimals when
// there are tiyn: 123450 → "1 234,50 ₸" (kk, ru) or "1 234.50 ₸" (en).
// Spaces are no-break spaces; negative amounts start with "−".
func (l *Localizer) Money(tiyn int64) string {
	neg, u := split(tiyn)
	var b strings.Builder
	if neg {
		b.WriteString(minus)
	}
	b.WriteString(group(u / 100))
	if t := u % 100; t != 0 {
		if l.lang == parasat.English {
			b.WriteByte('.')
		} else {
			b.WriteByte(',')
		}
		b.WriteByte(byte('0' + t/10))
		b.WriteByte(byte('0' + t%10))
	}
	b.WriteString(nbsp + tenge)
	return b.String()
}

// split returns the sign and magnitude of n; the magnitude of
// math.MinInt64 fits in a uint64.
func split(n int64) (neg bool, u uint64) {
	if n < 0 {
		return true, -uint64(n)
	}
	return false, uint64(n)
}

// group writes u in decimal with a no-break space between groups of three.
func group(u uint64) string {
	digits := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i, d := range []byte(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteByte(d)
	}
	return b.String()
}

// Month names, January first: Kazakh in the nominative (Kazakh puts the
// month after the day unchanged), Russian in the genitive ("25 апреля").
var months = map[parasat.Language][12]string{
	parasat.Kazakh: {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
		"шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
	parasat.Russian: {"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря"},
	parasat.English: {"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"},
}

// Date formats the calendar day of t as day, month name and year:
// "25 сәуір 2019", "25 апреля 2019", "25 April 2019". t is shown in its own
// location: convert it to the user's zone (see Zone) before calling.
// Kazakh also writes "2019 жылғы 25 сәуір"; Parasat uses the shorter order,
// the same in all three languages.
func (l *Localizer) Date(t time.Time) string {
	y, m, d := t.Date()
	return strconv.Itoa(d) + " " + months[l.lang][m-1] + " " + strconv.Itoa(y)
}

// DateTime formats t as Date followed by the 24-hour time:
// "25 сәуір 2019 14:05".
func (l *Localizer) DateTime(t time.Time) string {
	return l.Date(t) + " " + t.Format("15:04")
}
