package http

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// upload sends a file as the import form does.
func (b *browser) upload(path, filename string, data []byte, fields url.Values) (int, string, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		b.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.e.srv.URL+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", b.lang)
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("upload %s: %v", path, err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(page), resp.Header.Get("Location")
}

// badChecksum changes the check digit of a valid IIN.
func badChecksum(iin string) string {
	for d := 0; d <= 9; d++ {
		if bad := iin[:11] + strconv.Itoa(d); parasat.IINProblem(bad) == "checksum" {
			return bad
		}
	}
	panic("no wrong check digit for " + iin)
}

// selected tells which option the select of a column has chosen.
func selected(page string, col int) string {
	_, rest, _ := strings.Cut(page, `name="col`+strconv.Itoa(col)+`"`)
	sel, _, _ := strings.Cut(rest, "</select>")
	m := regexp.MustCompile(`<option value="([a-z_]*)" selected>`).FindStringSubmatch(sel)
	if m == nil {
		return ""
	}
	return m[1]
}

var uploadLocation = regexp.MustCompile(`^/beneficiaries/import/(\d+)/mapping$`)

func TestImportBeneficiariesFromACSV(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		good := validIIN("850315", 3, 1)
		csv := strings.Join([]string{
			"ФИО;ИИН;Дата рождения;Пол;Регион",
			"Ахметов Серик Болатович;" + good + ";15.03.1985;М;Астана",
			"Сейткали Жанна Маратовна;" + validIIN("900704", 4, 2) + ";04.07.1990;Ж;Алматинская область",
			"Иванов Пётр Сергеевич;" + validIIN("760101", 3, 3) + ";01.01.1976;муж;Карагандинская область",
			"Опечаткина Анна;" + badChecksum(validIIN("880202", 4, 4)) + ";02.02.1988;Ж;Астана",
			"Марсианин Иван;" + validIIN("770303", 3, 5) + ";03.03.1977;М;Марс",
		}, "\n") + "\n"
		b := e.browser(t, "ru")
		b.signIn("admin@example.kz", "correct horse battery")

		code, page := b.get("/beneficiaries/import")
		if code != http.StatusOK || !strings.Contains(page, `accept=".xlsx,.csv"`) || !strings.Contains(page, `<label for="f-file">`) {
			t.Fatalf("upload form: %d\n%s", code, page)
		}
		importOnce := func() (preview, flash string, id int64) {
			t.Helper()
			code, page, loc := b.upload("/beneficiaries/import", "люди.csv", []byte(csv), nil)
			m := uploadLocation.FindStringSubmatch(loc)
			if code != http.StatusSeeOther || m == nil {
				t.Fatalf("upload: %d → %q\n%s", code, loc, page)
			}
			id, _ = strconv.ParseInt(m[1], 10, 64)
			code, page = b.get(loc)
			if code != http.StatusOK {
				t.Fatalf("mapping page: %d\n%s", code, page)
			}
			mapping := url.Values{}
			for i, want := range []string{"full_name", "iin", "birth_date", "sex", "region"} {
				if got := selected(page, i); got != want {
					t.Errorf("column %d preselects %q; want %q", i, got, want)
				}
				mapping.Set("col"+strconv.Itoa(i), want)
			}
			code, preview, _ = b.post("/beneficiaries/import/"+m[1]+"/preview", mapping)
			if code != http.StatusOK {
				t.Fatalf("preview: %d\n%s", code, preview)
			}
			code, _, loc = b.post("/beneficiaries/import/"+m[1]+"/accept", mapping)
			if code != http.StatusSeeOther || loc != "/beneficiaries" {
				t.Fatalf("accept: %d → %q", code, loc)
			}
			_, flash = b.get("/beneficiaries")
			return preview, flash, id
		}

		preview, list, firstID := importOnce()
		for _, want := range []string{"Готовы к импорту 3 строки.", "Отклонены 2 строки", "<td>5</td>", "<td>6</td>",
			"ИИН: Контрольная цифра ИИН не сходится", "Регион: Выберите регион из списка", "Импортировать 3 строки"} {
			if !strings.Contains(preview, want) {
				t.Errorf("the first preview lacks %q", want)
			}
		}
		for _, want := range []string{"Импортировано человек: 3.", "Ахметов Серик Болатович", "Сейткали Жанна Маратовна", "Иванов Пётр Сергеевич"} {
			if !strings.Contains(list, want) {
				t.Errorf("the list after the import lacks %q", want)
			}
		}
		if strings.Contains(list, "Марсианин") || strings.Contains(list, "Опечаткина") {
			t.Error("a rejected row was imported")
		}
		if bn, err := e.db.BeneficiaryByIIN(ctx, good); err != nil || bn.Region != "KZ-71" || bn.Sex != parasat.Male {
			t.Errorf("imported record: %+v, %v", bn, err)
		}

		// The same file again: the mapping is remembered, nothing is added.
		preview, list, _ = importOnce()
		if !strings.Contains(preview, "Уже зарегистрированы 3 человека") || !strings.Contains(preview, "Готовы к импорту 0 строк.") {
			t.Errorf("the second preview does not show the three as registered:\n%s", preview)
		}
		if !strings.Contains(list, "Импортировано человек: 0. Пропущено уже зарегистрированных: 3.") {
			t.Errorf("the second import's message is missing:\n%s", list)
		}
		all, err := e.db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{Limit: 50})
		if err != nil || len(all) != 3 {
			t.Errorf("after importing twice: %d people, %v; want 3", len(all), err)
		}

		// A picture is refused whole and not stored.
		png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
		code, page, loc := b.upload("/beneficiaries/import", "people.csv", png, nil)
		if code != http.StatusUnprocessableEntity || loc != "" || !strings.Contains(page, "Этот файл не является таблицей") {
			t.Errorf("a PNG: %d → %q\n%s", code, loc, page)
		}
		next := firstID + 2 // the two uploads of the CSV took firstID and firstID+1
		if _, err := e.db.Upload(ctx, next, e.admin); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the refused file was stored as upload %d: %v", next, err)
		}
		code, _, loc = b.upload("/beneficiaries/import", "again.csv", []byte(csv), nil)
		if code != http.StatusSeeOther || loc != "/beneficiaries/import/"+strconv.FormatInt(next, 10)+"/mapping" {
			t.Errorf("the next upload after a refusal: %d → %q; want id %d", code, loc, next)
		}
	})
}

func TestAnUploadIsOnlyItsUploaders(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	up := &parasat.Upload{UserID: e.admin.ID, Kind: "beneficiaries", Filename: "a.csv", Data: []byte("ФИО;ИИН\nА;1\n")}
	if err := e.db.SaveUpload(context.Background(), up); err != nil {
		t.Fatal(err)
	}
	r := e.doForm(http.MethodGet, importPath(importFlows[0], up.ID, "mapping"), "Bearer "+f.tokens[coordinator], nil)
	if r.status != http.StatusNotFound {
		t.Errorf("a coordinator opens the admin's upload: %d; want 404", r.status)
	}
}
