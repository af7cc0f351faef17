package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/parasat-kz/parasat/sqlstore"
)

// newFlagSet returns a flag set for a command whose usage lists each flag
// with the PARASAT_* variable that can set it instead.
func newFlagSet(name, synopsis string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: parasat %s [flags]\n\n%s\n\nFlags (those marked [PARASAT_…] can also be set in the environment; the command line wins):\n", name, synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" && f.DefValue != "false" {
				def = fmt.Sprintf(" (default %q)", f.DefValue)
			}
			env := ""
			if settingFlags[f.Name] {
				env = "  [" + envName(f.Name) + "]"
			}
			fmt.Fprintf(out, "  --%s%s\n      %s%s\n", f.Name, env, f.Usage, def)
		})
	}
	return fs
}

// settingFlags are the flags that configure a deployment rather than name
// the subject of one command, and so may come from the environment.
var settingFlags = map[string]bool{
	"addr": true, "data": true, "database-url": true, "demo": true,
	"log-format": true, "log-level": true, "shutdown-grace": true,
	"session-idle": true, "session-max": true,
	"public-url": true, "smtp-addr": true, "smtp-from": true, "smtp-username": true, "smtp-tls": true,
}

// envName is the environment variable of a flag: --database-url is PARASAT_DATABASE_URL.
func envName(flagName string) string {
	return "PARASAT_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseFlags parses args, then fills every flag not given on the command line
// from its environment variable. The command line wins over the environment.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil || !settingFlags[f.Name] {
			return
		}
		if v := getenv(envName(f.Name)); v != "" {
			if e := f.Value.Set(v); e != nil {
				err = usageError{fmt.Sprintf("%s=%q: %v", envName(f.Name), v, e)}
			}
		}
	})
	return err
}

// databaseFlags are the flags of every command that touches the database.
func databaseFlags(fs *flag.FlagSet) *sqlstore.Config {
	cfg := &sqlstore.Config{}
	fs.StringVar(&cfg.DataDir, "data", "parasat-data", "directory of the embedded SQLite database and other data")
	fs.StringVar(&cfg.DatabaseURL, "database-url", "", "PostgreSQL URL (postgres://user:pass@host:5432/db); empty for embedded SQLite")
	return cfg
}

func splitWords(s string) []string { return strings.Fields(s) }

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func commandWords(args []string) string {
	if len(args) > 2 {
		args = args[:2]
	}
	return strings.Join(args, " ")
}
