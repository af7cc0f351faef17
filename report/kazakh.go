package report

import (
	"strings"
	"unicode/utf8"
)

// Kazakh suffixes follow the word they attach to: vowel harmony (back
// а о ұ ы, front ә е ө ү і) and the word's last sound decide between the
// variants (-дан/-ден/-тан/-тен/-нан/-нен, …). For a number written in
// digits the word is the last word of the number read aloud: 22 is
// "жиырма екі", so "22-сі"; 63 is "алпыс үш", so "63-і"; 1 200 is "бір
// мың екі жүз", so "1 200-і".

// kkCase is a Kazakh case or ending that takes variants.
type kkCase int

const (
	kkAblative   kkCase = iota // -дан: from, "more than" with астам
	kkDative                   // -ға: to
	kkLocative                 // -да: in, on
	kkGenitive                 // -ның: of
	kkPossessive               // -ы/-сы: its (third person)
	kkWith                     // мен/бен/пен: and, with (written apart)
)

const (
	kkBackVowels  = "аоұыяу"
	kkFrontVowels = "әеөүіэи"
	kkVowels      = "аәеоөұүыіэяюи"
)

// kkBack reports whether the last vowel of word is a back vowel. у and и
// count by the vowels before them, since they are written for both.
func kkBack(word string) bool {
	for s := strings.ToLower(word); s != ""; {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		switch {
		case r == 'у' || r == 'и' || r == 'ю':
			continue
		case strings.ContainsRune(kkBackVowels, r):
			return true
		case strings.ContainsRune(kkFrontVowels, r):
			return false
		}
	}
	return strings.ContainsAny(strings.ToLower(word), "уюя")
}

// kkSound sorts the last sound of a word for choosing a suffix.
type kkSound int

const (
	soundVowel     kkSound = iota
	soundSonorant          // р л й у и: semivowels and liquids
	soundNasal             // м н ң
	soundVoiced            // ж з
	soundVoiceless         // к қ п с т ш … and б в г д ғ in loanwords
)

func kkLastSound(word string) kkSound {
	r, _ := utf8.DecodeLastRuneInString(strings.ToLower(word))
	switch {
	case strings.ContainsRune("рлйуи", r):
		return soundSonorant
	case strings.ContainsRune(kkVowels, r):
		return soundVowel
	case strings.ContainsRune("мнң", r):
		return soundNasal
	case strings.ContainsRune("жз", r):
		return soundVoiced
	}
	return soundVoiceless
}

// kkSuffix returns the ending of case c that word takes. kkWith gives the
// separate word мен/бен/пен.
func kkSuffix(word string, c kkCase) string {
	back, sound := kkBack(word), kkLastSound(word)
	pick := func(b, f string) string {
		if back {
			return b
		}
		return f
	}
	switch c {
	case kkAblative:
		switch sound {
		case soundNasal:
			return pick("нан", "нен")
		case soundVoiceless:
			return pick("тан", "тен")
		}
		return pick("дан", "ден")
	case kkDative:
		if sound == soundVoiceless {
			return pick("қа", "ке")
		}
		return pick("ға", "ге")
	case kkLocative:
		if sound == soundVoiceless {
			return pick("та", "те")
		}
		return pick("да", "де")
	case kkGenitive:
		switch sound {
		case soundVowel, soundNasal:
			return pick("ның", "нің")
		case soundVoiceless:
			return pick("тың", "тің")
		}
		return pick("дың", "дің")
	case kkPossessive:
		if sound == soundVowel {
			return pick("сы", "сі")
		}
		return pick("ы", "і")
	}
	switch sound {
	case soundVoiced:
		return "бен"
	case soundVoiceless:
		return "пен"
	}
	return "мен"
}

var (
	kkUnits = [...]string{"", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"}
	kkTens  = [...]string{"", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"}
	kkBig   = [...]string{"мың", "миллион", "миллиард", "триллион", "квадриллион", "квинтиллион"}
)

// kkLastNumberWord returns the last word of n (n ≥ 0) read aloud in Kazakh.
func kkLastNumberWord(n int64) string {
	switch {
	case n == 0:
		return "нөл"
	case n%10 != 0:
		return kkUnits[n%10]
	case n%100 != 0:
		return kkTens[n%100/10]
	case n%1000 != 0:
		return "жүз"
	}
	for i := 0; ; i++ {
		n /= 1000
		if n%1000 != 0 {
			return kkBig[i]
		}
	}
}

// kkNumberSuffix returns the ending of case c after the number n written
// in digits: kkNumberSuffix(22, kkPossessive) = "сі" (22-сі).
func kkNumberSuffix(n int64, c kkCase) string { return kkSuffix(kkLastNumberWord(n), c) }
