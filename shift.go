package parasat

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Shift is a stretch of work at an event that volunteers sign up for:
// serving food from 10:00 to 14:00, driving parcels to people's doors in
// the afternoon. It has a role, a time near the event's, a number of places
// and the skills it wants. A full shift keeps a waitlist; a place that frees
// goes to the first on it.
type Shift struct {
	ID      int64 `json:"id" readOnly:"true"`
	EventID int64 `json:"event_id" readOnly:"true"`
	// Role is what the volunteers do, in up to three languages.
	Role     Names     `json:"role" doc:"What the volunteers do (serving food, driving), in up to three languages"`
	Starts   time.Time `json:"starts_at"`
	Ends     time.Time `json:"ends_at" doc:"After starts_at, at most 12 hours later"`
	Capacity int       `json:"capacity" doc:"How many volunteers the shift needs, 1 to 500"`
	Skills   []string  `json:"skills" doc:"Codes from the list of skills (GET /skills) the shift wants"`
	// Confirmed counts the volunteers holding a place, Waitlisted those
	// waiting for one.
	Confirmed  int       `json:"confirmed" readOnly:"true"`
	Waitlisted int       `json:"waitlisted" readOnly:"true"`
	Created    time.Time `json:"created_at" readOnly:"true"`
	Updated    time.Time `json:"updated_at" readOnly:"true"`
}

// Limits of a shift, each a mistyped number or date when broken.
const (
	// MaxShiftCapacity: more volunteers than this in one shift is a typo
	// (the largest distributions of the centres need a few hundred).
	MaxShiftCapacity = 500
	// MaxShiftDuration: a longer day is split into shifts.
	MaxShiftDuration = 12 * time.Hour
	// ShiftLeeway is how far a shift may lie outside its event: setting up
	// the day before, clearing up the day after.
	ShiftLeeway = 24 * time.Hour
	// CheckInEarly is how long before its start a shift's volunteers may
	// check in.
	CheckInEarly = time.Hour
	// HoursMargin is how much longer than the shift the confirmed hours of
	// one volunteer may be: an hour early and an hour late.
	HoursMargin = 2 * time.Hour
	// HoursRounding: hours computed from check-in and check-out are rounded
	// to the nearest 5 minutes (2½ minutes round up).
	HoursRounding = 5 * time.Minute
	// ReminderBefore is when the reminder of a shift is mailed.
	ReminderBefore = 24 * time.Hour
)

// Length is how long the shift lasts.
func (s *Shift) Length() time.Duration { return s.Ends.Sub(s.Starts) }

// Free is the number of places left.
func (s *Shift) Free() int { return max(0, s.Capacity-s.Confirmed) }

// StartDay is the calendar day in Kazakhstan the shift starts on: the day
// its hours count on in reports.
func (s *Shift) StartDay() Date { return DayInKazakhstan(s.Starts) }

// Overlaps reports whether the shift and o share any moment.
func (s *Shift) Overlaps(o *Shift) bool { return s.Starts.Before(o.Ends) && o.Starts.Before(s.Ends) }

// Normalize trims the role and the skills and stores times in UTC at
// microsecond precision.
func (s *Shift) Normalize() {
	s.Role.KK, s.Role.RU, s.Role.EN = strings.TrimSpace(s.Role.KK), strings.TrimSpace(s.Role.RU), strings.TrimSpace(s.Role.EN)
	s.Starts = s.Starts.UTC().Truncate(time.Microsecond)
	s.Ends = s.Ends.UTC().Truncate(time.Microsecond)
	for i, c := range s.Skills {
		s.Skills[i] = strings.ToLower(strings.TrimSpace(c))
	}
	s.Skills = sortedUnique(s.Skills)
}

// Validate checks the shift against its event; the store checks that the
// skills are in the list.
func (s *Shift) Validate(e *Event) error {
	var p Problems
	if s.Role.IsEmpty() {
		p.Add("role", "shift.role_required", "say what the volunteers do, in at least one language")
	}
	for _, lang := range Languages {
		if utf8.RuneCountInString(s.Role.In(lang)) > maxNameLength {
			p.Add("role."+string(lang), "too_long", "must be at most 300 characters")
		}
	}
	switch {
	case s.Capacity < 1:
		p.Add("capacity", "shift.capacity", "a shift needs at least one volunteer")
	case s.Capacity > MaxShiftCapacity:
		p.Add("capacity", "shift.capacity_absurd", "more than 500 volunteers in one shift; check the number")
	}
	switch {
	case s.Starts.IsZero():
		p.Add("starts_at", "required", "is required")
	case e != nil && (s.Starts.Before(e.Starts.Add(-ShiftLeeway)) || s.Starts.After(e.Ends.Add(ShiftLeeway))):
		p.Add("starts_at", "shift.outside_event", "a shift lies within a day of its event")
	}
	switch {
	case s.Ends.IsZero():
		p.Add("ends_at", "required", "is required")
	case s.Starts.IsZero():
	case !s.Ends.After(s.Starts):
		p.Add("ends_at", "shift.ends_before_start", "the shift must end after it starts")
	case s.Length() > MaxShiftDuration:
		p.Add("ends_at", "shift.too_long", "a shift lasts at most 12 hours; split a longer day into shifts")
	case e != nil && s.Ends.After(e.Ends.Add(ShiftLeeway)):
		p.Add("ends_at", "shift.outside_event", "a shift lies within a day of its event")
	}
	return p.Err()
}

// SignupStatus is where a volunteer's sign-up for a shift is.
type SignupStatus string

const (
	SignupConfirmed  SignupStatus = "confirmed"  // holds a place
	SignupWaitlisted SignupStatus = "waitlisted" // waits for a place, in the order of signing up
	SignupCancelled  SignupStatus = "cancelled"  // withdrawn by the volunteer
	SignupRemoved    SignupStatus = "removed"    // taken off the shift by an organiser
)

// Active reports whether the sign-up holds or waits for a place.
func (st SignupStatus) Active() bool { return st == SignupConfirmed || st == SignupWaitlisted }

// Signup is one volunteer on one shift: their place or their turn on the
// waitlist, their check-in and check-out, and their hours.
type Signup struct {
	ID          int64        `json:"id"`
	ShiftID     int64        `json:"shift_id"`
	EventID     int64        `json:"event_id"`
	VolunteerID int64        `json:"volunteer_id"`
	Status      SignupStatus `json:"status" enum:"confirmed,waitlisted,cancelled,removed"`
	// Position is the turn on the waitlist (1: next to get a place).
	Position   int        `json:"waitlist_position,omitempty"`
	SignedUpAt time.Time  `json:"signed_up_at"`
	PlacedAt   *time.Time `json:"placed_at,omitempty" doc:"When the volunteer got a place: at sign-up, or from the waitlist"`
	EndedAt    *time.Time `json:"ended_at,omitempty" doc:"When the sign-up was cancelled or removed"`
	CheckedIn  *time.Time `json:"checked_in_at,omitempty"`
	CheckedOut *time.Time `json:"checked_out_at,omitempty"`
	// Minutes are computed from check-in and check-out, rounded to 5 minutes.
	Minutes *int64 `json:"minutes,omitempty"`
	// ConfirmedMinutes are the hours the organiser confirmed: the ones
	// that count.
	ConfirmedMinutes *int64     `json:"confirmed_minutes,omitempty"`
	HoursConfirmedAt *time.Time `json:"hours_confirmed_at,omitempty"`
	HoursConfirmedBy *int64     `json:"hours_confirmed_by,omitempty"`
}

// WorkedMinutes is the time between check-in and check-out, rounded to the
// nearest HoursRounding.
func WorkedMinutes(in, out time.Time) int64 {
	d := out.Sub(in)
	if d < 0 {
		return 0
	}
	return int64((d + HoursRounding/2) / HoursRounding * HoursRounding / time.Minute)
}

// CheckHours checks the minutes an organiser confirms for one volunteer of
// the shift: not negative, and not longer than the shift by more than
// HoursMargin.
func (s *Shift) CheckHours(minutes int64) error {
	var p Problems
	switch {
	case minutes < 0:
		p.Add("minutes", "negative", "must not be negative")
	case time.Duration(minutes)*time.Minute > s.Length()+HoursMargin:
		p.Add("minutes", "shift.hours_too_long", "more than the shift's length and two hours; check the hours")
	}
	return p.Err()
}

// VolunteerShift is a sign-up as the volunteer's own page lists it: with
// its shift and the event's title.
type VolunteerShift struct {
	Signup
	Role        Names       `json:"role"`
	Starts      time.Time   `json:"starts_at"`
	Ends        time.Time   `json:"ends_at"`
	EventTitle  Names       `json:"event_title"`
	EventStatus EventStatus `json:"event_status"`
}

// VolunteerHours is what a volunteer has done: the confirmed hours in
// total, the sign-ups still to come, and a page of the history, newest
// first.
type VolunteerHours struct {
	VolunteerID      int64 `json:"volunteer_id"`
	ConfirmedMinutes int64 `json:"confirmed_minutes"`
	// Shifts counts the shifts with confirmed hours.
	Shifts   int              `json:"shifts"`
	Upcoming []VolunteerShift `json:"upcoming"`
	History  []VolunteerShift `json:"history"`
}

// ShiftHours sums the confirmed hours of an event's shifts: what its report
// is prefilled with. Unconfirmed counts the volunteers who checked out but
// whose hours wait for the organiser.
type ShiftHours struct {
	Shifts      int   `json:"shifts"`
	Volunteers  int   `json:"volunteers"`
	Minutes     int64 `json:"minutes"`
	Unconfirmed int   `json:"unconfirmed"`
}

// HoursFilter pages a volunteer's history: Before is the keyset cursor (the
// start and sign-up ID of the last row seen).
type HoursFilter struct {
	BeforeStart time.Time
	BeforeID    int64
	Limit       int
}

// OpenShiftFilter selects the shifts a volunteer can still sign up for:
// not started, of published events that are planned or being held, ordered
// by start. AfterStart and AfterID are the keyset cursor.
type OpenShiftFilter struct {
	Region     string
	AfterStart time.Time
	AfterID    int64
	Limit      int
}

// OpenShift is a shift offered to volunteers, with its event's title and place.
type OpenShift struct {
	Shift
	EventTitle Names  `json:"event_title"`
	Address    string `json:"address"`
	Region     string `json:"region"`
}

// ShiftHistory is a shift that has already been worked, recorded at once
// with its volunteers and their hours (the demonstration data, an archive):
// the checks of the one-by-one path apply, but no mail is sent.
type ShiftHistory struct {
	Shift   *Shift
	Signups []SignupHistory
}

// SignupHistory is one volunteer of a ShiftHistory.
type SignupHistory struct {
	VolunteerID           int64
	Waitlisted            bool
	CheckedIn, CheckedOut *time.Time
	ConfirmedMinutes      *int64
}

// ShiftService keeps the shifts of events, the volunteers' sign-ups and
// their hours. Every change records the actor of ctx, and the mails a
// change calls for (a confirmation, a reminder the day before, a place
// from the waitlist) are queued in its transaction.
type ShiftService interface {
	// ListShifts returns an event's shifts by start, with their counts.
	ListShifts(ctx context.Context, eventID int64) ([]Shift, error)
	Shift(ctx context.Context, id int64) (*Shift, error)
	// CreateShift adds a shift to a planned or held event.
	CreateShift(ctx context.Context, s *Shift) error
	// UpdateShift changes the role, times, capacity and skills. A larger
	// capacity gives places to the waitlist; a smaller one than the
	// volunteers holding places is refused, and so are new times once
	// someone has checked in.
	UpdateShift(ctx context.Context, s *Shift) error
	// DeleteShift removes a shift nobody has checked in to, withdrawing
	// its sign-ups and their reminders.
	DeleteShift(ctx context.Context, id int64) error
	// OpenShifts lists shifts volunteers can still sign up for.
	OpenShifts(ctx context.Context, f OpenShiftFilter) ([]OpenShift, error)

	Signup(ctx context.Context, id int64) (*Signup, error)
	// ShiftSignups lists a shift's sign-ups: places first, then the
	// waitlist in turn, then those cancelled or removed.
	ShiftSignups(ctx context.Context, shiftID int64) ([]Signup, error)
	// SignUp gives the approved volunteer a place on the shift, or a turn
	// on its waitlist when it is full; never more places than its capacity,
	// however many sign up at once.
	SignUp(ctx context.Context, shiftID, volunteerID int64) (*Signup, error)
	// CancelSignup is the volunteer withdrawing, RemoveSignup an organiser
	// taking them off; a place freed goes to the first on the waitlist.
	CancelSignup(ctx context.Context, id int64) (*Signup, error)
	RemoveSignup(ctx context.Context, id int64) (*Signup, error)
	// CheckIn and CheckOut record the times now; check-out computes the
	// minutes worked.
	CheckIn(ctx context.Context, id int64) (*Signup, error)
	CheckOut(ctx context.Context, id int64) (*Signup, error)
	// ConfirmHours confirms the minutes computed at check-out, or, when
	// minutes is given, corrects them.
	ConfirmHours(ctx context.Context, id int64, minutes *int64) (*Signup, error)
	// VolunteerHours is a volunteer's total confirmed hours, sign-ups to
	// come and a page of history.
	VolunteerHours(ctx context.Context, volunteerID int64, f HoursFilter) (*VolunteerHours, error)
	// EventShiftHours sums the confirmed hours of an event's shifts.
	EventShiftHours(ctx context.Context, eventID int64) (*ShiftHours, error)
	// ImportShifts records worked shifts with their volunteers and hours in
	// one transaction: all of them or none.
	ImportShifts(ctx context.Context, list []ShiftHistory) error
}
