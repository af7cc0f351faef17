package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

func openPostgres(ctx context.Context, databaseURL string) (*DB, error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, &ConfigError{Msg: "the database URL is malformed: " + describeParseError(err) +
			"; expected postgres://user:password@host:5432/dbname", Err: err}
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	where := fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, &ConfigError{Msg: fmt.Sprintf("cannot reach PostgreSQL at %s (database %q): %s", where, cfg.Database, describeConnectError(err)), Err: err}
	}
	return &DB{engine: Postgres, write: db, read: db}, nil
}

// describeParseError drops pgx's echo of the URL, which may hold a password.
func describeParseError(err error) string {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	return "cannot parse it"
}

func describeConnectError(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message + " (" + pgErr.Code + ")"
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return netErr.Err.Error() + "; is the server running and reachable?"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer in time; is the host right and the server running?"
	}
	return err.Error()
}
