package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// updateScreenshots names the variable that, set to 1, writes the
// screenshots to docs/screenshots instead of a temporary directory.
const updateScreenshots = "PARASAT_UPDATE_SCREENSHOTS"

// The width of browsertest.Phone, in CSS pixels.
const phoneWidth = 360

// TestPhoneAndDesktopScreenshots takes the README's screenshots of the front
// page and the organisations, on a desktop and on a phone, in English and
// Kazakh, and checks that no page of the tour scrolls sideways on a phone.
func TestPhoneAndDesktopScreenshots(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	dir := ""
	if os.Getenv(updateScreenshots) == "1" {
		root, err := browsertest.ModuleRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "docs", "screenshots")
	}
	// readme takes the screenshots of what anyone sees, signed out, and
	// answers their files.
	readme := func(t *testing.T, b *browsertest.Browser, device string, l language) []string {
		var shots []string
		for _, p := range []struct{ name, path string }{{"front", "/"}, {"organisations", "/organisations"}} {
			b.Visit(s.URL + p.path)
			switchTo(b, l)
			// The front page's figures are the largest text of the site.
			if spill := b.Overflowing(".figures li, .figures strong"); len(spill) > 0 {
				t.Errorf("%s %s on a %s: figures wider than their cards: %q", l.code, p.path, device, spill)
			}
			if device == "phone" {
				fitsPhone(t, b, p.name)
			}
			shot := b.Screenshot(p.name)
			if dir != "" {
				keep(t, shot, filepath.Join(dir, p.name+"-"+device+"-"+l.code+".png"))
			}
			shots = append(shots, shot)
		}
		return shots
	}

	t.Run("desktop", func(t *testing.T) {
		b := browsertest.New(t)
		readme(t, b, "desktop", english)
		readme(t, b, "desktop", kazakh)
	})
	// A browser per language: one lives at most a minute.
	for _, l := range languages {
		t.Run("phone/"+l.code, func(t *testing.T) {
			b := browsertest.New(t, browsertest.Phone())
			if l.code == "en" || l.code == "kk" {
				readme(t, b, "phone", l)
			}
			s.tour(t, b, l, func(t *testing.T, b *browsertest.Browser, p shown) {
				fitsPhone(t, b, l.code+"-"+p.name)
			})
		})
		t.Run("phone/"+l.code+"/reports", func(t *testing.T) {
			s.reportsTour(t, browsertest.New(t, browsertest.Phone()), l, func(t *testing.T, b *browsertest.Browser, p shown) {
				fitsPhone(t, b, l.code+"-"+p.name)
			})
		})
		t.Run("phone/"+l.code+"/shifts", func(t *testing.T) {
			s.shiftsTour(t, browsertest.New(t, browsertest.Phone()), l, func(t *testing.T, b *browsertest.Browser, p shown) {
				fitsPhone(t, b, l.code+"-"+p.name)
			})
		})
		for _, tour := range []struct {
			name string
			run  func(*testing.T, *browsertest.Browser, language, func(*testing.T, *browsertest.Browser, shown))
		}{{"results", s.resultsTour}, {"dashboards", s.dashboardsTour}} {
			t.Run("phone/"+l.code+"/"+tour.name, func(t *testing.T) {
				tour.run(t, browsertest.New(t, browsertest.Phone()), l, func(t *testing.T, b *browsertest.Browser, p shown) {
					fitsPhone(t, b, l.code+"-"+p.name)
				})
			})
		}
	}
	// The pages of money and gifts, in the languages with the longest words.
	for _, l := range []language{kazakh, russian} {
		t.Run("phone/"+l.code+"/money", func(t *testing.T) {
			s.moneyTour(t, browsertest.New(t, browsertest.Phone()), l, func(t *testing.T, b *browsertest.Browser, p shown) {
				fitsPhone(t, b, l.code+"-"+p.name)
			})
		})
	}
}

// fitsPhone fails t, with a screenshot, when the page on the phone is
// wider than the phone: it scrolls sideways.
func fitsPhone(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	if w := b.PageWidth(); w > phoneWidth {
		t.Errorf("the page is %d CSS pixels wide on a phone %d wide: it scrolls sideways (see %s)", w, phoneWidth, b.Screenshot(name))
	}
}

// keep copies a screenshot to the repository.
func keep(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", to)
}
