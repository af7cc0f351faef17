package parasat

import "testing"

func TestEveryRegionsCentreIsNamedInThreeLanguages(t *testing.T) {
	for _, r := range KazakhstanRegions() {
		n, ok := centreNames[r.CentreEN]
		if !ok || n.KK == "" || n.RU == "" || n.EN != r.CentreEN {
			t.Errorf("%s: centre %q has names %+v", r.Code, r.CentreEN, n)
		}
	}
	east := Region{CentreEN: "Oskemen"}
	if east.Centre(Kazakh) != "Өскемен" || east.Centre(Russian) != "Усть-Каменогорск" || east.Centre(English) != "Oskemen" {
		t.Errorf("Oskemen: %q %q %q", east.Centre(Kazakh), east.Centre(Russian), east.Centre(English))
	}
	if r := (Region{CentreEN: "Baikonur"}); r.Centre(Russian) != "Baikonur" {
		t.Errorf("an unknown centre: %q", r.Centre(Russian))
	}
}
