// Package tally answers the report figures of FIGURES.md from an index of
// the facts they count, kept in memory and in step with the database.
//
// Most figures add up (the value of aid, money raised, hours) and could be
// summed from daily totals, but the ones people care about most do not:
// people helped, families, patrons and volunteers are distinct counts, and
// a person helped in March and in May is one person in the first half of
// the year. No table of totals answers a distinct count for an arbitrary
// period and filter; the database would have to read every aid record of
// the period on each request, which is seconds for a national year.
//
// So the index keeps every fact a figure counts, compactly (an aid record
// is 24 bytes), partitioned by day: a summary reads only the days of its
// period, marks the people and households it meets in bitsets, and counts
// them. A year of a million aid records takes a few milliseconds, whatever
// the filter. The store (package sqlstore) fills the index once and then
// reloads only the partitions a change log names (a day of aid, a person),
// so that several server processes on one database all answer with what is
// committed.
//
// The index depends on the domain only; it neither reads the database nor
// knows SQL.
package tally
