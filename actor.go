package parasat

import "context"

// Actor is who makes a change and from where; the audit log records it.
type Actor struct {
	UserID  int64  // 0 for the system itself (migrations, the demo loader, the command line)
	Address string // remote address of the request, or "cli"
}

type actorKey struct{}

// WithActor returns a context that carries the actor of the changes made with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor carried by ctx, or the system actor.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}
