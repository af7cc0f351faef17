package parasat

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Skill is something a volunteer can do for others, from a list the
// secretariat keeps so that coordinators can search by it: driving, medical
// care, teaching, cooking and so on. The code is stable; the names are what
// people read.
type Skill struct {
	Code  string `json:"code" doc:"Stable code, lower case letters, digits and _" example:"sign_language"`
	Names Names  `json:"names" doc:"Name in at least one language"`
}

// DefaultSkills are the codes of the skills every installation starts with
// (the migration that creates the list inserts them with their names).
var DefaultSkills = []string{"driving", "medical", "teaching", "cooking", "it", "languages", "sign_language",
	"psychology", "legal", "construction", "photography", "event_organisation"}

var skillCodePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// Normalize trims the code and the names.
func (s *Skill) Normalize() {
	s.Code = strings.ToLower(strings.TrimSpace(s.Code))
	s.Names.KK = strings.TrimSpace(s.Names.KK)
	s.Names.RU = strings.TrimSpace(s.Names.RU)
	s.Names.EN = strings.TrimSpace(s.Names.EN)
}

// Validate checks a skill before it is added to the list.
func (s *Skill) Validate() error {
	var p Problems
	if !skillCodePattern.MatchString(s.Code) {
		p.Add("code", "skill.code", "must be 2 to 40 lower-case Latin letters, digits or _, starting with a letter")
	}
	if s.Names.IsEmpty() {
		p.Add("names", "name.required", "is required in at least one language")
	}
	for _, lang := range Languages {
		if utf8.RuneCountInString(s.Names.In(lang)) > maxNameLength {
			p.Add("names."+string(lang), "too_long", "must be at most 300 characters")
		}
	}
	return p.Err()
}

// SkillService keeps the list of skills.
type SkillService interface {
	// ListSkills returns every skill, ordered by code.
	ListSkills(ctx context.Context) ([]Skill, error)
	// CreateSkill adds a skill; a code already in the list is a conflict.
	CreateSkill(ctx context.Context, s *Skill) error
}
