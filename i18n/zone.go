package i18n

import (
	"encoding/binary"
	"sync"
	"time"
)

// Zone returns Kazakhstan's time zone, Asia/Almaty, for showing times.
//
// Kazakhstan has used UTC+5 everywhere since 1 March 2024 (before that the
// east, Astana and Almaty included, used UTC+6). The tz database follows
// this from release 2024a on, and the tzdata embedded in Go 1.26 — which
// cmd/parasat links in with `import _ "time/tzdata"` — has it. But
// time.LoadLocation prefers the system's zoneinfo files, which on an old
// image may predate 2024a; Zone checks the offset in June 2024 and, if it is
// not +5 (or the zone cannot be loaded at all), uses a built-in "Asia/Almaty"
// that is UTC+6 until 1 March 2024 and UTC+5 from then on. That is exact for
// every date since 2005, when Kazakhstan stopped summer time, which covers
// all of Parasat's records.
func Zone() *time.Location { return zone() }

var zone = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Almaty"); err == nil && isPlus5(loc) {
		return loc
	}
	return fallbackZone()
})

// isPlus5 reports whether loc is five hours ahead of UTC in June 2024.
func isPlus5(loc *time.Location) bool {
	_, off := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC).In(loc).Zone()
	return off == 5*3600
}

// switchTo5 is the instant clocks went from 00:00 +06 on 1 March 2024 back
// to 23:00 +05 on 29 February.
var switchTo5 = time.Date(2024, 2, 29, 18, 0, 0, 0, time.UTC)

// fallbackZone builds "Asia/Almaty" as a minimal TZif (RFC 8536, version 1)
// file: +06 until switchTo5, +05 after it.
func fallbackZone() *time.Location {
	be := binary.BigEndian
	b := []byte("TZif")
	b = append(b, make([]byte, 16)...) // version 1 ("\x00") and 15 reserved bytes
	// Counts: isut, isstd, leap, transition times, types, abbreviation chars.
	for _, n := range []uint32{0, 0, 0, 1, 2, 8} {
		b = be.AppendUint32(b, n)
	}
	b = be.AppendUint32(b, uint32(switchTo5.Unix())) // the one transition…
	b = append(b, 1)                                 // …to type 1
	b = be.AppendUint32(b, 6*3600)                   // type 0: +06, not DST,
	b = append(b, 0, 0)                              // abbreviation at 0
	b = be.AppendUint32(b, 5*3600)                   // type 1: +05, not DST,
	b = append(b, 0, 4)                              // abbreviation at 4
	b = append(b, "+06\x00+05\x00"...)
	loc, err := time.LoadLocationFromTZData("Asia/Almaty", b)
	if err != nil { // cannot happen: the data above is fixed
		return time.FixedZone("Asia/Almaty", 5*3600)
	}
	return loc
}
