package pdf

import "strings"

// layout decides the columns of a table: its own Widths, or widths from
// its content, split into several parts when the page is too narrow.
func (d *Document) layout(t Table) []part {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	if t.Widths != nil {
		w := make([]float64, n)
		for i := range w {
			if i < len(t.Widths) {
				w[i] = t.Widths[i] * textWidth
			}
		}
		return []part{{cols: all, widths: w}}
	}
	keys := min(max(t.Keys, 1), n)
	natural := d.naturalWidths(t, n)
	keyWidth := make([]float64, keys)
	used := 0.0
	for i := range keyWidth {
		keyWidth[i] = min(natural[i], maxKeyWidth/float64(keys))
		used += keyWidth[i]
	}
	var parts []part
	for _, group := range groups(natural[keys:], textWidth-used) {
		p := part{cols: append([]int(nil), all[:keys]...), widths: append([]float64(nil), keyWidth...)}
		for _, c := range group {
			p.cols = append(p.cols, keys+c)
			p.widths = append(p.widths, natural[keys+c])
		}
		spread(&p, keys, natural)
		parts = append(parts, p)
	}
	return parts
}

// naturalWidths is each column's width for its widest cell on one line,
// and for its header wrapped onto at most about three lines.
func (d *Document) naturalWidths(t Table, n int) []float64 {
	pad := 2*d.f.GetCellMargin() + 0.5
	w := make([]float64, n)
	measure := func(cells []string, style string) {
		d.f.SetFont(family, style, tableSize)
		for i, s := range cells {
			w[i] = max(w[i], d.f.GetStringWidth(s)+pad)
		}
	}
	for _, r := range t.Rows {
		measure(r, "")
	}
	measure(t.Total, "B")
	d.f.SetFont(family, "B", tableSize)
	for i, s := range t.Header {
		longest := 0.0
		for _, word := range strings.Fields(s) {
			longest = max(longest, d.f.GetStringWidth(word))
		}
		w[i] = max(w[i], max(longest, d.f.GetStringWidth(s)/3)+pad)
	}
	return w
}

// groups splits columns of the given widths, in order, into as few runs
// as fit in room each, of nearly equal numbers of columns. A column wider
// than room has a run of its own.
func groups(widths []float64, room float64) [][]int {
	if len(widths) == 0 {
		return [][]int{nil}
	}
	greedy := [][]int{{}}
	sum := 0.0
	for i, w := range widths {
		last := &greedy[len(greedy)-1]
		if len(*last) > 0 && sum+w > room {
			greedy = append(greedy, []int{})
			last, sum = &greedy[len(greedy)-1], 0
		}
		*last = append(*last, i)
		sum += w
	}
	// Even runs read better (5, 4, 4 rather than 6, 6, 1) when they fit.
	n := len(greedy)
	var even [][]int
	for i := range n {
		run := []int{}
		sum := 0.0
		for c := i * len(widths) / n; c < (i+1)*len(widths)/n; c++ {
			run = append(run, c)
			sum += widths[c]
		}
		if sum > room && len(run) > 1 {
			return greedy
		}
		even = append(even, run)
	}
	return even
}

// spread gives a part's width left over to its last key column, up to
// that column's natural width, and the rest evenly to the others.
func spread(p *part, keys int, natural []float64) {
	left := textWidth
	for _, w := range p.widths {
		left -= w
	}
	if left <= 0 {
		return
	}
	k := keys - 1
	grow := min(left, natural[p.cols[k]]-p.widths[k])
	p.widths[k] += max(grow, 0)
	left -= max(grow, 0)
	others := len(p.widths) - keys
	if others == 0 {
		p.widths[k] += left
		return
	}
	for i := keys; i < len(p.widths); i++ {
		p.widths[i] += left / float64(others)
	}
}
