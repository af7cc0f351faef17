package parasat

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is a charitable event: a concert for veterans, a distribution of
// school supplies, a fundraiser. One organisation leads it, others take
// part; it is planned, held and reported (or cancelled), and most results
// are counted through it.
type Event struct {
	ID          int64     `json:"id"`
	Title       Names     `json:"title"`
	Description Names     `json:"description"`
	Kind        EventKind `json:"kind" enum:"concert_visit,distribution,fundraiser,medical_help,repair,training,sports_culture,other"`
	Starts      time.Time `json:"starts_at"`
	Ends        time.Time `json:"ends_at"`
	// Address and Region are the place; both default to the lead
	// organisation's (its office in the House of Friendship).
	Address string `json:"address"`
	Region  string `json:"region" example:"KZ-71"`
	// LeadID organises the event; Partners take part in it.
	LeadID       int64      `json:"lead_organisation_id"`
	Partners     []int64    `json:"partner_organisations"`
	Patrons      []int64    `json:"patrons" doc:"Patrons who support the event"`
	TargetGroups []Category `json:"target_groups" doc:"Categories of people the event is for"`
	// PlannedBudget is in tiyn (1 ₸ = 100 tiyn).
	PlannedBudget int64 `json:"planned_budget_tiyn"`
	// OccasionKey names a day of the "Caravan of Mercy" calendar, such as
	// "nauryz" (the calendar itself comes later).
	OccasionKey  string      `json:"occasion_key,omitempty"`
	Status       EventStatus `json:"status" enum:"planned,held,reported,cancelled" readOnly:"true"`
	CancelReason string      `json:"cancel_reason,omitempty" readOnly:"true"`
	// Who moved the event on, and when.
	HeldAt      *time.Time `json:"held_at,omitempty" readOnly:"true"`
	HeldBy      *int64     `json:"held_by,omitempty" readOnly:"true"`
	ReportedAt  *time.Time `json:"reported_at,omitempty" readOnly:"true"`
	ReportedBy  *int64     `json:"reported_by,omitempty" readOnly:"true"`
	CancelledAt *time.Time `json:"cancelled_at,omitempty" readOnly:"true"`
	CancelledBy *int64     `json:"cancelled_by,omitempty" readOnly:"true"`
	// Volunteers and VolunteerMinutes are reported with the results.
	Volunteers       *int      `json:"volunteers,omitempty" readOnly:"true"`
	VolunteerMinutes *int64    `json:"volunteer_minutes,omitempty" readOnly:"true"`
	Published        bool      `json:"published"`
	HasPhoto         bool      `json:"has_photo" readOnly:"true"`
	Created          time.Time `json:"created_at" readOnly:"true"`
	Updated          time.Time `json:"updated_at" readOnly:"true"`
}

// EventKind is what happens at an event.
type EventKind string

const (
	EventConcertVisit  EventKind = "concert_visit"
	EventDistribution  EventKind = "distribution" // of goods: food, clothes, school supplies
	EventFundraiser    EventKind = "fundraiser"
	EventMedicalHelp   EventKind = "medical_help"
	EventRepair        EventKind = "repair"
	EventTraining      EventKind = "training"
	EventSportsCulture EventKind = "sports_culture"
	EventOther         EventKind = "other"
)

// EventKinds lists the kinds in the order forms show them.
var EventKinds = []EventKind{EventConcertVisit, EventDistribution, EventFundraiser, EventMedicalHelp, EventRepair,
	EventTraining, EventSportsCulture, EventOther}

// Valid reports whether k is one of EventKinds.
func (k EventKind) Valid() bool { return slices.Contains(EventKinds, k) }

// EventStatus is where an event is: planned → held → reported, or cancelled.
type EventStatus string

const (
	EventPlanned   EventStatus = "planned"
	EventHeld      EventStatus = "held"
	EventReported  EventStatus = "reported"
	EventCancelled EventStatus = "cancelled"
)

// EventStatuses lists every status in the order of an event's life.
var EventStatuses = []EventStatus{EventPlanned, EventHeld, EventReported, EventCancelled}

// Valid reports whether s is one of EventStatuses.
func (s EventStatus) Valid() bool { return slices.Contains(EventStatuses, s) }

// Limits of an event's fields.
const (
	maxDescription = 5000
	// MaxEventDuration: longer than this is a programme, not an event.
	MaxEventDuration = 366 * 24 * time.Hour
	// MaxEventVolunteers bounds the volunteers reported for one event.
	MaxEventVolunteers = 100_000
)

var occasionKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// StartDay is the calendar day in Kazakhstan the event starts on: the day
// the figures count it on.
func (e *Event) StartDay() Date { return DayInKazakhstan(e.Starts) }

// Organisations lists the lead and the partners.
func (e *Event) Organisations() []int64 {
	return append([]int64{e.LeadID}, e.Partners...)
}

// Resource describes the event for reading: its region and every
// organisation taking part.
func (e *Event) Resource() Resource {
	return Resource{Region: e.Region, Organisations: e.Organisations()}
}

// WriteResource describes the event for changing it: its region and its
// lead organisation, whose managers run it.
func (e *Event) WriteResource() Resource {
	return Resource{Region: e.Region, OrganisationID: e.LeadID}
}

// Normalize trims the texts, stores times in UTC at microsecond precision
// and removes repeats (and the lead) from the partners.
func (e *Event) Normalize() {
	for _, n := range []*Names{&e.Title, &e.Description} {
		n.KK, n.RU, n.EN = strings.TrimSpace(n.KK), strings.TrimSpace(n.RU), strings.TrimSpace(n.EN)
	}
	e.Address = strings.TrimSpace(e.Address)
	e.Region = strings.ToUpper(strings.TrimSpace(e.Region))
	e.OccasionKey = strings.ToLower(strings.TrimSpace(e.OccasionKey))
	e.CancelReason = strings.TrimSpace(e.CancelReason)
	e.Starts = e.Starts.UTC().Truncate(time.Microsecond)
	e.Ends = e.Ends.UTC().Truncate(time.Microsecond)
	e.Partners = slices.DeleteFunc(sortedUnique(e.Partners), func(id int64) bool { return id == e.LeadID })
	e.Patrons = sortedUnique(e.Patrons)
	e.TargetGroups = sortedUnique(e.TargetGroups)
	if e.Status == "" {
		e.Status = EventPlanned
	}
}

// Validate checks the rules that need no database; the store checks that
// the region, organisations and patrons exist.
func (e *Event) Validate() error {
	var p Problems
	if e.Title.IsEmpty() {
		p.Add("title", "event.title_required", "is required in at least one language")
	}
	for _, lang := range Languages {
		if utf8.RuneCountInString(e.Title.In(lang)) > maxNameLength {
			p.Add("title."+string(lang), "too_long", "must be at most 300 characters")
		}
		if utf8.RuneCountInString(e.Description.In(lang)) > maxDescription {
			p.Add("description."+string(lang), "too_long_5000", "must be at most 5000 characters")
		}
	}
	if !e.Kind.Valid() {
		p.Add("kind", "event.kind", "must be one of the kinds of event")
	}
	e.validateTimes(&p)
	if !regionCodePattern.MatchString(e.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if utf8.RuneCountInString(e.Address) > maxAddress {
		p.Add("address", "too_long_300", "must be at most 300 characters")
	}
	if e.LeadID <= 0 {
		p.Add("lead_organisation_id", "event.lead_required", "the organisation that leads the event is required")
	}
	for _, c := range e.TargetGroups {
		if !c.Valid() {
			p.Add("target_groups", "category", "must be one of the categories")
			break
		}
	}
	switch {
	case e.PlannedBudget < 0:
		p.Add("planned_budget_tiyn", "amount.negative", "must not be negative")
	case e.PlannedBudget > MaxAmount:
		p.Add("planned_budget_tiyn", "amount.absurd", "is more than 1 500 000 000 ₸; check the number of zeros")
	}
	if e.OccasionKey != "" && !occasionKeyPattern.MatchString(e.OccasionKey) {
		p.Add("occasion_key", "event.occasion_key", "must be a key of lower-case letters, digits, _ and -, such as nauryz")
	}
	if !e.Status.Valid() {
		p.Add("status", "event.status", "must be planned, held, reported or cancelled")
	}
	if utf8.RuneCountInString(e.CancelReason) > maxLongText {
		p.Add("cancel_reason", "too_long_2000", "must be at most 2000 characters")
	}
	return p.Err()
}

func (e *Event) validateTimes(p *Problems) {
	switch {
	case e.Starts.IsZero():
		p.Add("starts_at", "required", "is required")
	case e.Starts.Year() < 1991 || e.Starts.Year() > 2100:
		p.Add("starts_at", "event.date_range", "must be a date between 1991 and 2100")
	}
	switch {
	case e.Ends.IsZero():
		p.Add("ends_at", "required", "is required")
	case !e.Starts.IsZero() && !e.Ends.After(e.Starts):
		p.Add("ends_at", "event.ends_before_start", "the event must end after it starts")
	case e.Ends.Sub(e.Starts) > MaxEventDuration:
		p.Add("ends_at", "event.too_long", "an event lasts at most a year")
	}
}

// EventReport is what the organiser enters when reporting an event: the
// volunteers who helped and their hours (people helped and value given are
// computed from the event's aid records).
type EventReport struct {
	Volunteers       int   `json:"volunteers" minimum:"0"`
	VolunteerMinutes int64 `json:"volunteer_minutes" minimum:"0" doc:"Volunteer time in minutes (60 for an hour)"`
}

// Validate checks the report against the event: the hours cannot exceed
// every volunteer working around the clock on every day of the event.
func (r EventReport) Validate(e *Event) error {
	var p Problems
	switch {
	case r.Volunteers < 0:
		p.Add("volunteers", "negative", "must not be negative")
	case r.Volunteers > MaxEventVolunteers:
		p.Add("volunteers", "event.volunteers_absurd", "is more than 100 000 volunteers; check the number")
	}
	days := int64(e.Ends.Sub(e.Starts)/(24*time.Hour)) + 1
	switch {
	case r.VolunteerMinutes < 0:
		p.Add("volunteer_minutes", "negative", "must not be negative")
	case r.VolunteerMinutes > 0 && r.Volunteers == 0:
		p.Add("volunteer_minutes", "event.hours_without_volunteers", "hours are reported, but no volunteers")
	case r.VolunteerMinutes > int64(r.Volunteers)*days*24*60:
		p.Add("volunteer_minutes", "event.hours_absurd", "more hours than the volunteers had during the event")
	}
	return p.Err()
}

// transitionError refuses a change of status the life of an event does not allow.
func transitionError(from, to EventStatus) error {
	f := FieldError{Field: "status", Code: "event.transition", Message: "an event that is " + string(from) + " cannot become " + string(to)}
	switch {
	case from == EventCancelled:
		f = FieldError{Field: "status", Code: "event.is_cancelled", Message: "the event is cancelled: its status no longer changes"}
	case from == EventReported:
		f = FieldError{Field: "status", Code: "event.is_reported", Message: "the event is reported: its status no longer changes"}
	case to == EventReported:
		f = FieldError{Field: "status", Code: "event.not_held", Message: "mark the event held before reporting it"}
	case from == EventHeld && to == EventCancelled:
		f = FieldError{Field: "status", Code: "event.held_not_cancelled", Message: "an event that was held cannot be cancelled"}
	}
	return &Error{Code: EConflict, Message: f.Message, Fields: []FieldError{f}}
}

// CheckTransition reports whether the event may move to status to at now:
// planned → held (once it has started), held → reported, planned →
// cancelled (with a reason). Reporting also needs results, which the store
// checks against the aid records.
func (e *Event) CheckTransition(to EventStatus, now time.Time, reason string) error {
	switch {
	case e.Status == EventPlanned && to == EventHeld:
		if e.Starts.After(now) {
			return &Error{Code: EConflict, Message: "the event has not started yet",
				Fields: []FieldError{{Field: "status", Code: "event.not_started", Message: "an event can be marked held once it has started"}}}
		}
		return nil
	case e.Status == EventHeld && to == EventReported:
		return nil
	case e.Status == EventPlanned && to == EventCancelled:
		var p Problems
		if strings.TrimSpace(reason) == "" {
			p.Add("cancel_reason", "event.cancel_reason", "say why the event is cancelled")
		} else if utf8.RuneCountInString(reason) > maxLongText {
			p.Add("cancel_reason", "too_long_2000", "must be at most 2000 characters")
		}
		return p.Err()
	}
	return transitionError(e.Status, to)
}

// EventResults are what an event did, computed from its aid records, with
// the volunteers and hours its organiser reported.
type EventResults struct {
	// PeopleHelped is everybody helped: PeopleNamed, distinct people
	// helped by name or as members of a household helped, and
	// PeopleAnonymous, the sum of the anonymous groups.
	PeopleHelped    int `json:"people_helped"`
	PeopleNamed     int `json:"people_named"`
	PeopleAnonymous int `json:"people_anonymous"`
	Households      int `json:"households"`
	AidRecords      int `json:"aid_records"`
	// ValueTiyn is the value of all aid given, ValueByKind split by kind.
	ValueTiyn        int64             `json:"value_tiyn"`
	ValueByKind      map[AidKind]int64 `json:"value_by_kind_tiyn"`
	Volunteers       *int              `json:"volunteers,omitempty"`
	VolunteerMinutes *int64            `json:"volunteer_minutes,omitempty"`
	// Suppressed lists what is hidden from the public (see Suppress).
	Suppressed []EventResult `json:"suppressed,omitempty"`
}

// EventResult names a part of an event's results that may be suppressed.
type EventResult string

const (
	// ResultPeople is everything about the people helped: how many, the
	// households, the value given.
	ResultPeople EventResult = "people"
	// ResultSplit is how many were helped by name and how many anonymously.
	ResultSplit EventResult = "split"
	// ResultVolunteers is the volunteers and their hours.
	ResultVolunteers EventResult = "volunteers"
)

// Suppress hides what the public must not see of an event's results, as
// public reports do (SmallCell): when 1 to 4 people were helped, their
// number, households and the value given; when the people helped by name or
// those helped anonymously number 1 to 4, the split between the two (the
// total stays); when 1 to 4 volunteers worked, they and their hours.
func (r *EventResults) Suppress() {
	small := func(n int) bool { return n > 0 && n < SmallCell }
	switch {
	case small(r.PeopleHelped):
		r.PeopleHelped, r.PeopleNamed, r.PeopleAnonymous, r.Households, r.ValueTiyn, r.ValueByKind = 0, 0, 0, 0, 0, nil
		r.Suppressed = append(r.Suppressed, ResultPeople, ResultSplit)
	case small(r.PeopleNamed) || small(r.PeopleAnonymous):
		r.PeopleNamed, r.PeopleAnonymous = 0, 0
		r.Suppressed = append(r.Suppressed, ResultSplit)
	}
	if r.Volunteers != nil && small(*r.Volunteers) {
		r.Volunteers, r.VolunteerMinutes = nil, nil
		r.Suppressed = append(r.Suppressed, ResultVolunteers)
	}
}

// Hidden reports whether part is suppressed.
func (r *EventResults) Hidden(part EventResult) bool { return slices.Contains(r.Suppressed, part) }

// Missing lists what reporting still needs: "aid" (nobody recorded as
// helped) and "volunteers" (volunteers and hours not entered).
func (r *EventResults) Missing() []string {
	var out []string
	if r.AidRecords == 0 {
		out = append(out, "aid")
	}
	if r.Volunteers == nil || r.VolunteerMinutes == nil {
		out = append(out, "volunteers")
	}
	return out
}

// EventPhoto is the picture of an event on the public site: always a JPEG
// re-encoded by Parasat, so it carries no metadata (EXIF, GPS) of the camera.
type EventPhoto struct {
	Data          []byte
	Width, Height int
	Updated       time.Time
}

// EventFilter selects events, ordered by start (Descending: newest first).
// Zero fields match everything. Visibility limits the list to what the
// caller may read; with IncludePublished, published events are listed too.
// AfterStart and AfterID are the keyset cursor: the last event of the
// previous page.
type EventFilter struct {
	Region       string
	Organisation int64 // lead or partner
	Patron       int64 // a patron who supports the event
	Kind         EventKind
	Statuses     []EventStatus
	From, To     *Date // the start day, both included
	Query        string
	Visibility
	IncludePublished bool
	PublishedOnly    bool
	Descending       bool
	AfterStart       time.Time
	AfterID          int64
	Limit            int
}

// EventHistory is an event that has already happened, recorded at once with
// its aid and its fate (an archive being entered; the demonstration data):
// every check of the one-by-one path applies.
type EventHistory struct {
	Event        *Event
	Aid          []*AidRecord
	Held         bool
	Report       *EventReport
	CancelReason string
}

// EventService keeps events.
type EventService interface {
	ListEvents(ctx context.Context, f EventFilter) ([]Event, error)
	Event(ctx context.Context, id int64) (*Event, error)
	// CreateEvent records a planned event; place defaults to the lead's.
	CreateEvent(ctx context.Context, e *Event) error
	// UpdateEvent replaces the editable fields (not the status). Once an
	// event is reported, its dates, place and organisers are part of its
	// results and no longer change.
	UpdateEvent(ctx context.Context, e *Event) error
	// HoldEvent, CancelEvent and ReportEvent move an event on, recording
	// the actor of ctx and the time. Reporting stores the volunteers and
	// hours and is refused while the event has no aid records.
	HoldEvent(ctx context.Context, id int64) (*Event, error)
	CancelEvent(ctx context.Context, id int64, reason string) (*Event, error)
	ReportEvent(ctx context.Context, id int64, r EventReport) (*Event, error)
	EventResults(ctx context.Context, id int64) (*EventResults, error)
	SetEventPhoto(ctx context.Context, id int64, p *EventPhoto) error
	EventPhoto(ctx context.Context, id int64) (*EventPhoto, error)
	// ImportEvents records past events with their aid and status in one
	// transaction: all of them or none.
	ImportEvents(ctx context.Context, list []EventHistory) error
}
