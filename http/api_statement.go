package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

type statementInput struct {
	IDPath
	Year int    `query:"year" required:"true" minimum:"2000" maximum:"2100"`
	Lang string `query:"lang" enum:"kk,ru,en" default:"kk"`
}

func (s *Server) registerStatementRoutes(api huma.API) {
	huma.Register(api, operation("patron-statement", http.MethodGet, "/patrons/{id}/statement", parasat.ReadGift,
		"A patron's gifts of one year as a PDF statement (the patron's own account, and staff)", "Money"), s.patronStatement)
}

func (s *Server) patronStatement(ctx context.Context, in *statementInput) (*pdfOutput, error) {
	p, err := s.services.Patrons.Patron(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadGift, p.Resource()) {
		return nil, notVisible("patron")
	}
	st, err := s.services.Receipts.Statement(ctx, in.ID, in.Year)
	if err != nil {
		return nil, s.apiError(err)
	}
	b, err := s.statementPDF(st, parasat.Language(in.Lang))
	if err != nil {
		return nil, s.apiError(err)
	}
	name := "statement-" + strconv.FormatInt(in.ID, 10) + "-" + strconv.Itoa(in.Year) + ".pdf"
	return &pdfOutput{ContentType: "application/pdf", ContentDisposition: `attachment; filename="` + name + `"`, Body: b}, nil
}
