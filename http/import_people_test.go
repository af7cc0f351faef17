package http

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// importSteps uploads a file to a register's import, keeps the mapping the
// page proposes, and returns the preview and the accept step's redirect.
func importSteps(t *testing.T, b *browser, register, filename, file string, fields url.Values) (preview, location string) {
	t.Helper()
	code, page, loc := b.upload("/"+register+"/import", filename, []byte(file), fields)
	m := regexp.MustCompile(`^/` + register + `/import/(\d+)/mapping$`).FindStringSubmatch(loc)
	if code != http.StatusSeeOther || m == nil {
		t.Fatalf("upload to %s: %d → %q\n%s", register, code, loc, page)
	}
	code, page = b.get(loc)
	if code != http.StatusOK {
		t.Fatalf("mapping page: %d\n%s", code, page)
	}
	mapping := url.Values{}
	for col := 0; strings.Contains(page, `name="col`+strconv.Itoa(col)+`"`); col++ {
		mapping.Set("col"+strconv.Itoa(col), selected(page, col))
	}
	base := "/" + register + "/import/" + m[1]
	code, preview, _ = b.post(base+"/preview", mapping)
	if code != http.StatusOK {
		t.Fatalf("preview: %d\n%s", code, preview)
	}
	code, _, location = b.post(base+"/accept", mapping)
	if code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	return preview, location
}

func containsAll(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %q", what, want)
		}
	}
}

func TestManagerImportsTheirVolunteers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		f := newRoleFixture(t, e)
		if err := e.db.SetPasswordHash(ctx, f.users[manager].ID, mustHash(t, "manager pass 12")); err != nil {
			t.Fatal(err)
		}
		file := strings.Join([]string{
			"ФИО;Дата рождения;Регион;Телефон;Дата согласия;Навыки;Языки;Родитель;Телефон родителя;Согласие родителя",
			"Серікова Әсел;02.03.1999;Астана;+7 701 111 22 33;01.09.2026;Вождение;қазақша, русский;;;",
			"Нұрланов Айбек;10.10.2010;Астана;+7 702 000 00 01;01.09.2026;;;Нұрланова Гүлнар;+7 702 000 00 02;01.09.2026",
			"Жас Бала;10.10.2011;Астана;+7 702 000 00 03;01.09.2026;;;;;",
			"Келісімсіз Адам;01.01.1990;Астана;+7 702 000 00 04;;;;;;",
		}, "\n")
		b := e.browser(t, "ru")
		b.signIn("manager@example.kz", "manager pass 12")
		_, form := b.get("/volunteers/import")
		if strings.Contains(form, `name="organisation"`) {
			t.Error("a manager is offered to choose the organisation; their volunteers are their organisation's")
		}
		preview, loc := importSteps(t, b, "volunteers", "волонтёры.csv", file, nil)
		containsAll(t, "the preview", preview, "Готовы к импорту 2 строки.", "Отклонены 2 строки",
			"Родитель или опекун: До 18 лет нужно согласие родителя или опекуна",
			"Дата согласия: Нужно согласие на обработку персональных данных")
		if loc != "/volunteers" {
			t.Errorf("after the import: → %q", loc)
		}
		_, list := b.get("/volunteers")
		containsAll(t, "the list", list, "Импортировано волонтёров: 2. Пропущено уже зарегистрированных: 0.",
			"Серікова Әсел", "Нұрланов Айбек")
		got, err := e.db.ListVolunteers(ctx, parasat.VolunteerFilter{Visibility: parasat.Visibility{All: true}})
		if err != nil || len(got) != 2 {
			t.Fatalf("volunteers after the import: %d, %v", len(got), err)
		}
		for _, v := range got {
			if len(v.Organisations) != 1 || v.Organisations[0] != f.org.ID || v.Status != parasat.VolunteerApproved ||
				v.DecidedBy == nil || *v.DecidedBy != f.users[manager].ID || !strings.Contains(v.Consent.Scope, "волонтёры.csv") {
				t.Errorf("imported volunteer %+v", v)
			}
		}
		if v := got[1]; v.FullName != "Серікова Әсел" || len(v.Skills) != 1 || v.Skills[0] != "driving" || len(v.Languages) != 2 {
			t.Errorf("the first row imported as %+v", v)
		}

		// The same file again: the mapping is remembered, nobody is added.
		preview, _ = importSteps(t, b, "volunteers", "волонтёры.csv", file, nil)
		containsAll(t, "the second preview", preview, "Уже зарегистрированы 2 человека", "Готовы к импорту 0 строк.")
		_, list = b.get("/volunteers")
		containsAll(t, "the list", list, "Импортировано волонтёров: 0. Пропущено уже зарегистрированных: 2.")
		if again, _ := e.db.ListVolunteers(ctx, parasat.VolunteerFilter{Visibility: parasat.Visibility{All: true}}); len(again) != 2 {
			t.Errorf("after importing twice: %d volunteers; want 2", len(again))
		}
		// A file without the consent column cannot be mapped.
		code, page, loc := b.upload("/volunteers/import", "no-consent.csv", []byte("ФИО;Дата рождения;Регион\nА Б;01.01.1990;KZ-71\n"), nil)
		if code != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%s", code, page)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/volunteers/import/"), "/mapping")
		code, page, _ = b.post("/volunteers/import/"+id+"/preview", url.Values{"col0": {"full_name"}, "col1": {"birth_date"}, "col2": {"region"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Дата согласия") {
			t.Errorf("a mapping without the consent date: %d", code)
		}
	})
}

func TestCoordinatorImportsPatrons(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		f := newRoleFixture(t, e)
		if err := e.db.SetPasswordHash(ctx, f.users[coordinator].ID, mustHash(t, "coordinator pass 12")); err != nil {
			t.Fatal(err)
		}
		company := bin(7)
		file := strings.Join([]string{
			"Наименование;БИН;Регион;Телефон;E-mail;Публично",
			`"ТОО ""Береке""";` + company + `;Астана;+7 7172 00 00 00;;да`,
			"Омарова Сәуле;;Астана;8 701 123 45 67;;нет",
			"Омарова Сәуле;;Астана;+7 (701) 123-45-67;;",
			"Бөтен өңір;;Алматы қаласы;+7 701 000 00 00;;",
		}, "\n")
		b := e.browser(t, "en")
		b.signIn("coordinator@example.kz", "coordinator pass 12")
		fields := url.Values{"organisation": {strconv.FormatInt(f.org.ID, 10)}}
		preview, _ := importSteps(t, b, "patrons", "patrons.csv", file, fields)
		containsAll(t, "the preview", preview, "2 rows are ready to import.", "2 rows rejected",
			"This patron appears twice in the file", "You may not register this person")
		_, list := b.get("/patrons")
		containsAll(t, "the list", list, "Patrons imported: 2. Already registered, skipped: 0.", "Береке", "Омарова Сәуле")
		all, err := e.db.ListPatrons(ctx, parasat.PatronFilter{Visibility: parasat.Visibility{All: true}})
		if err != nil || len(all) != 2 {
			t.Fatalf("patrons: %d, %v", len(all), err)
		}
		for _, p := range all {
			if len(p.SupportedOrganisations) != 1 || p.SupportedOrganisations[0] != f.org.ID {
				t.Errorf("patron %s supports %v; want the chosen organisation", p.Name, p.SupportedOrganisations)
			}
			if p.Name == "Омарова Сәуле" && (p.Kind != parasat.PatronPerson || p.PublicConsent) {
				t.Errorf("the person: %+v", p)
			}
			if p.BIN == company && (p.Kind != parasat.PatronCompany || !p.PublicConsent) {
				t.Errorf("the company: %+v", p)
			}
		}
		preview, _ = importSteps(t, b, "patrons", "patrons.csv", file, fields)
		containsAll(t, "the second preview", preview, "2 patrons already registered", "0 rows are ready to import.")
		if again, _ := e.db.ListPatrons(ctx, parasat.PatronFilter{Visibility: parasat.Visibility{All: true}}); len(again) != 2 {
			t.Errorf("after importing twice: %d patrons; want 2", len(again))
		}
	})
}
