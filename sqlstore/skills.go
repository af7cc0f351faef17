package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/parasat-kz/parasat"
)

var _ parasat.SkillService = (*DB)(nil)

// ListSkills returns the whole list of skills; it is short.
func (db *DB) ListSkills(ctx context.Context) ([]parasat.Skill, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT code, name_kk, name_ru, name_en FROM skills ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Skill{}
	for rows.Next() {
		var s parasat.Skill
		if err := rows.Scan(&s.Code, &s.Names.KK, &s.Names.RU, &s.Names.EN); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateSkill adds a skill to the list.
func (db *DB) CreateSkill(ctx context.Context, s *parasat.Skill) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO skills (code, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4)",
			s.Code, s.Names.KK, s.Names.RU, s.Names.EN)
		if violates(err, uniqueViolation, "") {
			return &parasat.Error{Code: parasat.EConflict, Message: "skill already exists",
				Fields: []parasat.FieldError{{Field: "code", Code: "skill.exists", Message: "a skill with this code already exists"}}}
		}
		if err != nil {
			return fmt.Errorf("insert skill: %w", err)
		}
		return db.audit(ctx, tx, "create", "skill", s.Code, "", nil, s)
	})
}
