package http

import (
	"net/http"
)

// handleHome is a placeholder front page until the interface issue builds
// the real one: it says what runs here and where the API is.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(`<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parasat</title></head>
<body>
<main>
<h1>Parasat</h1>
<p lang="kk">Қайырымдылықты үйлестіру жүйесі.</p>
<p lang="ru">Система координации благотворительности.</p>
<p lang="en">Coordination of charity.</p>
<ul>
<li><a href="/api/v1/organisations">/api/v1/organisations</a></li>
<li><a href="/api/v1/regions">/api/v1/regions</a></li>
<li><a href="/api/v1/openapi.json">/api/v1/openapi.json</a></li>
</ul>
</main>
</body></html>
`))
}
