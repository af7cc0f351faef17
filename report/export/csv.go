package export

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// CSV writes one table of r — the summary when by is "", else the
// breakdown by that dimension — as UTF-8 CSV (RFC 4180, CRLF): a header
// row in l's language, the HXL hashtag row, then one row per line of the
// table. Dates are ISO 8601, money is in tenge with a decimal point,
// hours are decimal; a suppressed value is left empty.
func CSV(w io.Writer, l *i18n.Localizer, r *parasat.Report, by parasat.Dimension) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	figs := figuresOf(r, by)
	head := []string{report.Column(l, "from"), report.Column(l, "to")}
	tags := []string{"#date+start", "#date+end"}
	if k, ok := hxlKey[by]; ok {
		head = append(head, report.Column(l, "code"), report.DimensionColumn(l, by))
		tags = append(tags, k[0], k[1])
	}
	for _, f := range figs {
		head = append(head, report.FigureName(l, f))
		tags = append(tags, hxl[f])
	}
	_ = cw.Write(head)
	_ = cw.Write(tags)
	line := func(p parasat.Period, code, name string, f *parasat.Figures) {
		rec := []string{p.From.String(), p.To.String()}
		if _, ok := hxlKey[by]; ok {
			rec = append(rec, code, name)
		}
		for _, fig := range figs {
			rec = append(rec, plain(f, fig))
		}
		_ = cw.Write(rec)
	}
	if by == "" {
		line(r.Summary.Filter.Period, "", "", &r.Summary.Figures)
	} else if b := r.Breakdown(by); b != nil {
		for i := range b.Rows {
			row := &b.Rows[i]
			line(rowPeriod(r, row), row.Key, label(l, by, row), &row.Figures)
		}
	}
	cw.Flush()
	return cw.Error()
}

// plain writes a value for machines: counts as integers, money in tenge
// ("2300000", "1234.50"), hours as a decimal ("1.5"), "" when suppressed.
func plain(f *parasat.Figures, fig parasat.Figure) string {
	v, ok := f.Get(fig)
	if !ok {
		return ""
	}
	switch fig.Unit() {
	case parasat.UnitTiyn:
		return tengeText(v)
	case parasat.UnitMinutes:
		b, _ := parasat.Minutes(v).MarshalJSON()
		return string(b)
	}
	return strconv.FormatInt(v, 10)
}

// tengeText writes tiyn as tenge without floating point.
func tengeText(tiyn int64) string {
	neg := tiyn < 0
	if neg {
		tiyn = -tiyn
	}
	s := strconv.FormatInt(tiyn/100, 10)
	if t := tiyn % 100; t != 0 {
		s += "." + strconv.FormatInt(t/10, 10) + strconv.FormatInt(t%10, 10)
	}
	if neg {
		s = "-" + s
	}
	return s
}
