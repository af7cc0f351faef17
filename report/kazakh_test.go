package report

import "testing"

func TestKazakhSuffixes(t *testing.T) {
	for _, tc := range []struct {
		word string
		c    kkCase
		want string
	}{
		{"миллион", kkAblative, "нан"}, {"мың", kkAblative, "нан"}, {"миллиард", kkAblative, "тан"},
		{"теңге", kkAblative, "ден"}, {"сағат", kkAblative, "тан"}, {"меценат", kkAblative, "тан"},
		{"адам", kkDative, "ға"}, {"сәуір", kkDative, "ге"}, {"қыркүйек", kkDative, "ке"}, {"миллиард", kkDative, "қа"},
		{"наурыз", kkLocative, "да"}, {"сәуір", kkLocative, "де"}, {"қыркүйек", kkLocative, "те"},
		{"шілде", kkLocative, "де"}, {"тоқсан", kkLocative, "да"}, {"маусым", kkLocative, "да"},
		{"теңге", kkGenitive, "нің"}, {"адам", kkGenitive, "ның"}, {"жүз", kkGenitive, "дің"}, {"сағат", kkGenitive, "тың"},
		{"екі", kkPossessive, "сі"}, {"алты", kkPossessive, "сы"}, {"үш", kkPossessive, "і"}, {"он", kkPossessive, "ы"},
		{"елу", kkPossessive, "і"}, {"елу", kkAblative, "ден"}, {"тоқсан", kkPossessive, "ы"},
		{"қаңтар", kkWith, "мен"}, {"наурыз", kkWith, "бен"}, {"қыркүйек", kkWith, "пен"}, {"шілде", kkWith, "мен"},
		{"бірлестіктер", kkWith, "мен"}, {"ақ", kkWith, "пен"}, {"қыз", kkWith, "бен"}, {"нан", kkWith, "мен"},
	} {
		if got := kkSuffix(tc.word, tc.c); got != tc.want {
			t.Errorf("%s + case %d = -%s, want -%s", tc.word, tc.c, got, tc.want)
		}
	}
}

func TestKazakhNumberSuffixes(t *testing.T) {
	for n, want := range map[int64]string{
		1: "і", 2: "сі", 5: "і", 6: "сы", 10: "ы", 11: "і", 20: "сы", 21: "і", 22: "сі", 30: "ы",
		40: "ы", 50: "і", 63: "і", 90: "ы", 100: "і", 101: "і", 1000: "ы", 1200: "і", 14_080_000: "ы",
		2_300_000: "ы", 2_000_005: "і", 1_000_000: "ы", 2_000_000_000: "ы", 0: "і",
	} {
		if got := kkNumberSuffix(n, kkPossessive); got != want {
			t.Errorf("%d-%s, want %d-%s (last word %s)", n, got, n, want, kkLastNumberWord(n))
		}
	}
	for n, want := range map[int64]string{14: "тен", 1200: "ден", 1000: "нан", 60: "тан", 7: "ден", 80: "нен", 9: "дан"} {
		if got := kkNumberSuffix(n, kkAblative); got != want {
			t.Errorf("%d-%s, want %d-%s", n, got, n, want)
		}
	}
}
