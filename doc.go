// Package parasat is the domain of Parasat, software for the charity
// coordination centres of Kazakhstan's Houses of Friendship.
//
// The root package holds the types, their validation rules, the service
// interfaces that storage implements, and the coded error type. It imports no
// storage, HTTP or presentation package: those depend on it, never the
// reverse. Messages here are codes, never translated text.
package parasat
