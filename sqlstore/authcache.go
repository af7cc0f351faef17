package sqlstore

import (
	"database/sql"
	"slices"
	"sync"
	"time"

	"github.com/parasat-kz/parasat"
)

// API clients send their token with every request, and a gateway posting
// gifts sends hundreds a second: Authenticate remembers, for a few seconds,
// the account a token hash belongs to. Every change of an account, its
// roles or its tokens made through this process (each writes an audit row
// of entity user, role_grant or api_token) empties the cache once its
// transaction commits, so a revoked token, a revoked role or a deactivated
// account takes effect at once here; a change made by another process on
// the same database (another server on PostgreSQL) takes effect within
// AuthCacheTTL.

// AuthCacheTTL is how long an authenticated token is trusted without
// asking the database again.
const AuthCacheTTL = 5 * time.Second

// maxAuthCache bounds the tokens remembered; past it the cache starts over.
const maxAuthCache = 10_000

type authEntry struct {
	user    *parasat.User
	gen     uint64
	expires time.Time
}

// authCache maps token hashes to accounts. gen counts the committed changes
// of accounts: an entry is good only for the generation it was read in, and
// a reading that began before a change is not stored after it.
type authCache struct {
	mu        sync.Mutex
	gen       uint64
	entries   map[string]authEntry
	changedIn sync.Map // open transactions that change accounts
}

// authEntities are the audited records whose change invalidates the cache.
var authEntities = map[string]bool{"user": true, "role_grant": true, "api_token": true}

// get returns a copy of the account of a token hash, if remembered and
// fresh, and the generation a reading from the database would belong to.
func (c *authCache) get(hash string, now time.Time) (*parasat.User, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[hash]; ok && e.gen == c.gen && now.Before(e.expires) {
		return copyUser(e.user), c.gen
	}
	return nil, c.gen
}

// put remembers an account read in generation gen, unless accounts have
// changed since; expires is when the entry (or the token) ends.
func (c *authCache) put(hash string, u *parasat.User, gen uint64, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.entries == nil || len(c.entries) >= maxAuthCache {
		c.entries = map[string]authEntry{}
	}
	c.entries[hash] = authEntry{user: copyUser(u), gen: gen, expires: expires}
}

// invalidate forgets every account: something about accounts changed.
func (c *authCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.entries = nil
}

// changing marks tx as changing accounts; committed invalidates the cache
// once it commits.
func (c *authCache) changing(tx *sql.Tx) { c.changedIn.Store(tx, struct{}{}) }

// finished is called when tx ends; commit tells whether it committed.
func (c *authCache) finished(tx *sql.Tx, commit bool) {
	if _, changed := c.changedIn.LoadAndDelete(tx); changed && commit {
		c.invalidate()
	}
}

// copyUser copies what a caller could change of a cached account.
func copyUser(u *parasat.User) *parasat.User {
	c := *u
	c.Grants = slices.Clone(u.Grants)
	return &c
}
