package parasat

import (
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Region is one of Kazakhstan's first-level divisions: a region (oblys) or a
// city of republican significance. It is identified everywhere by its
// ISO 3166-2 code, such as "KZ-71".
type Region struct {
	Code       string     `json:"code"`
	Kind       RegionKind `json:"kind"`
	Name       Names      `json:"name"`
	CentreEN   string     `json:"centre_en"`
	Population int64      `json:"population"`
	Since      *Date      `json:"since,omitempty"` // when the region came into being, if recent
}

// RegionKind tells a region from a city of republican significance.
type RegionKind string

const (
	RegionKindRegion RegionKind = "region"
	RegionKindCity   RegionKind = "city"
)

// CapitalCode is the ISO 3166-2 code of the capital.
const CapitalCode = "KZ-71"

var regionCodePattern = regexp.MustCompile(`^KZ-[0-9]{2}$`)

// Validate checks a region before it is stored.
func (r *Region) Validate() error {
	var p Problems
	if !regionCodePattern.MatchString(r.Code) {
		p.Add("code", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if r.Kind != RegionKindRegion && r.Kind != RegionKindCity {
		p.Add("kind", "region.kind", "must be region or city")
	}
	for _, lang := range Languages {
		if strings.TrimSpace(r.Name.In(lang)) == "" {
			p.Add("name."+string(lang), "required", "is required for every region")
		}
	}
	if r.Population < 0 {
		p.Add("population", "negative", "must not be negative")
	}
	return p.Err()
}

// NameAt returns the region's name in lang as it was on day: the capital
// was Nur-Sultan from 23 March 2019 until 17 September 2022.
func (r *Region) NameAt(lang Language, day time.Time) string {
	if r.Code == CapitalCode && !day.Before(nurSultanFrom) && day.Before(nurSultanUntil) {
		return nurSultanNames.In(lang)
	}
	return r.Name.In(lang)
}

var (
	nurSultanFrom  = time.Date(2019, 3, 23, 0, 0, 0, 0, time.UTC)
	nurSultanUntil = time.Date(2022, 9, 17, 0, 0, 0, 0, time.UTC)
	nurSultanNames = Names{KK: "Нұр-Сұлтан қаласы", RU: "город Нур-Султан", EN: "Nur-Sultan"}
)

//go:embed regions.csv
var regionsCSV string

// KazakhstanRegions returns the 17 regions and 3 cities of republican
// significance, parsed from the reference data shipped in the binary.
func KazakhstanRegions() []Region {
	rows, err := csv.NewReader(strings.NewReader(regionsCSV)).ReadAll()
	if err != nil {
		panic(fmt.Sprintf("embedded regions.csv: %v", err)) // a build defect, caught by tests
	}
	regions := make([]Region, 0, len(rows)-1)
	for _, row := range rows[1:] {
		pop, _ := strconv.ParseInt(row[6], 10, 64)
		r := Region{
			Code: row[0], Kind: RegionKind(row[1]),
			Name:     Names{KK: row[2], RU: row[3], EN: row[4]},
			CentreEN: row[5], Population: pop,
		}
		if row[7] != "" {
			d, err := ParseDate(row[7])
			if err != nil {
				panic(fmt.Sprintf("embedded regions.csv: %s: %v", row[0], err))
			}
			r.Since = &d
		}
		regions = append(regions, r)
	}
	return regions
}

// RegionService reads and changes regions.
type RegionService interface {
	ListRegions(ctx context.Context) ([]Region, error)
	Region(ctx context.Context, code string) (*Region, error)
	CreateRegion(ctx context.Context, r *Region) error
	UpdateRegion(ctx context.Context, r *Region) error
}
