package sqlstore

import (
	"context"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// ListVolunteers returns one page of the volunteers the filter selects and
// the caller may read, ordered by folded name.
func (db *DB) ListVolunteers(ctx context.Context, f parasat.VolunteerFilter) ([]parasat.Volunteer, error) {
	var q listQuery
	q.visible(f.Visibility, "volunteers", "volunteer_organisations", "volunteer_id")
	if f.Region != "" {
		q.and("region_code = " + q.arg(f.Region))
	}
	if f.Organisation != 0 {
		q.and("EXISTS (SELECT 1 FROM volunteer_organisations o WHERE o.volunteer_id = volunteers.id AND o.organisation_id = " +
			q.arg(f.Organisation) + ")")
	}
	if f.Skill != "" {
		q.and("EXISTS (SELECT 1 FROM volunteer_skills s WHERE s.volunteer_id = volunteers.id AND s.skill_code = " +
			q.arg(f.Skill) + ")")
	}
	if f.Status != "" {
		q.and("status = " + q.arg(string(f.Status)))
	}
	q.wordPrefix("volunteers", f.Query)
	q.keyset("volunteers", f.After, f.AfterName)
	rows, err := db.read.QueryContext(ctx, "SELECT "+volunteerColumns+" FROM volunteers WHERE "+q.clause()+
		" ORDER BY name_key, id LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Volunteer{}
	for rows.Next() {
		v, err := scanVolunteer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadVolunteerLinks(ctx, db.read, out)
}
