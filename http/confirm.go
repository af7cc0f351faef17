package http

import (
	"net/http"
	"sort"
)

type confirmPage struct {
	Action   string // where the confirmed form posts
	Question string // already translated
	Fields   []confirmField
	Back     string
	Danger   bool
}

type confirmField struct{ Name, Value string }

// confirmed guards a destructive form without JavaScript: the first post
// shows a page that asks, and carries the form's fields on to a second post
// with confirm=yes, which does the deed.
func (s *Server) confirmed(w http.ResponseWriter, r *http.Request, back, questionKey string, args ...any) bool {
	if r.PostFormValue("confirm") == "yes" {
		return true
	}
	p := s.newPage(w, r, "confirm.sure", nil)
	data := confirmPage{Action: r.URL.Path, Question: p.T.T(questionKey, args...), Back: safeNext(back), Danger: true}
	names := make([]string, 0, len(r.PostForm))
	for name := range r.PostForm {
		if name != "confirm" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range r.PostForm[name] {
			data.Fields = append(data.Fields, confirmField{name, v})
		}
	}
	p.Data = data
	s.render(w, http.StatusOK, "confirm", p)
	return false
}
