package http

import (
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/pdf"
)

// Receipts and yearly statements, as PDF documents in one language.

// orgDetails is an organisation's BIN, address and phone on one line.
func orgDetails(l *i18n.Localizer, o *parasat.Organisation) string {
	var parts []string
	if o.BIN != "" {
		parts = append(parts, l.T("org.bin")+" "+o.BIN)
	}
	for _, s := range []string{o.Contacts.Address, o.Contacts.Phone, o.Contacts.Email} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// channelText is how the money came, with its reference.
func channelText(l *i18n.Localizer, d *parasat.Donation) string {
	s := l.T("channel." + string(d.Channel))
	if d.Reference != "" {
		s += " (" + d.Reference + ")"
	}
	return s
}

// receiptPDF renders a receipt in the language it was issued in.
func (s *Server) receiptPDF(doc *parasat.ReceiptDocument) ([]byte, error) {
	l := s.catalog.For(doc.Receipt.Language)
	lang := l.Lang()
	d := &doc.Donation
	out := pdf.New(pdf.Header{Organisation: doc.Organisation.Name.Best(lang), Details: orgDetails(l, &doc.Organisation),
		PageLabel: l.T("pdf.page")}, doc.Receipt.Issued)
	out.Title(l.T("receipt.title", "Number", doc.Receipt.Code()))
	if doc.Reversal != nil {
		out.Stamp(l.T("receipt.cancelled"))
		out.Paragraph(l.T("receipt.cancelled_reason", "Date", l.Date(doc.Reversal.OccurredOn.Time), "Reason", doc.Reversal.Reason))
	}
	out.Facts([][2]string{
		{l.T("receipt.number"), doc.Receipt.Code()},
		{l.T("receipt.received_on"), l.Date(d.ReceivedOn.Time)},
		{l.T("receipt.donor"), d.Donor.Name},
		{l.T("receipt.amount"), l.Money(d.Amount)},
		{l.T("receipt.channel"), channelText(l, d)},
		{l.T("receipt.designation"), doc.FundName.Best(lang)},
		{l.T("receipt.issued"), l.Date(doc.Receipt.Issued.In(i18n.Zone()))},
	})
	out.Paragraph(l.T("receipt.thanks", "Organisation", doc.Organisation.Name.Best(lang)))
	return out.Bytes()
}

// statementPDF renders a patron's gifts of a year in lang.
func (s *Server) statementPDF(st *parasat.Statement, lang parasat.Language) ([]byte, error) {
	l := s.catalog.For(lang)
	head := pdf.Header{Organisation: l.T("app.name"), PageLabel: l.T("pdf.page")}
	if len(st.Organisations) == 1 {
		for _, o := range st.Organisations {
			head.Organisation, head.Details = o.Name.Best(lang), orgDetails(l, &o)
		}
	}
	out := pdf.New(head, st.Patron.Updated)
	out.Title(l.T("statement.title", "Year", st.Year))
	out.Facts([][2]string{{l.T("receipt.donor"), st.Patron.Name}, {l.T("statement.total"), l.Money(st.Total)},
		{l.T("statement.gifts"), l.N("count.gifts", len(st.Donations))}})
	rows := make([][]string, 0, len(st.Donations))
	for _, d := range st.Donations {
		number, amount := "—", l.Money(d.Amount)
		if d.Receipt != nil {
			number = d.Receipt.Code()
		}
		if d.ReversedBy != nil {
			amount = l.T("statement.reversed") + " " + amount
		}
		o := st.Organisations[d.OrganisationID]
		rows = append(rows, []string{l.Date(d.ReceivedOn.Time), number, o.Name.Best(lang) + " — " + st.FundNames[d.FundID].Best(lang), amount})
	}
	out.Table([]string{l.T("receipt.received_on"), l.T("receipt.number"), l.T("receipt.designation"), l.T("receipt.amount")},
		rows, []float64{0.18, 0.17, 0.43, 0.22}, []bool{false, false, false, true})
	out.Paragraph(l.T("statement.note"))
	return out.Bytes()
}
