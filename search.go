package parasat

import (
	"strings"
	"unicode"
)

// searchFolds maps letters that spellings of one name disagree on to a
// common form: Kazakh letters that Russian spelling and older romanisations
// write as а г к н о у х и, and ё written as е.
var searchFolds = map[rune]rune{
	'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и', 'ё': 'е',
}

// FoldForSearch lower-cases s and folds letter variants so that a search for
// "Казак" finds "Қазақ". Stores keep the folded text of names beside them
// because SQLite's lower() knows only ASCII.
func FoldForSearch(s string) string {
	return strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if f, ok := searchFolds[r]; ok {
			return f
		}
		return r
	}, s)
}
