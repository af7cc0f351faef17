// Command parasat runs Parasat: the server and the commands that manage its
// database. It only reads settings and wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Kazakhstan's zone rules travel with the binary, so old machines agree
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env environment) error
}

// environment is what a command may touch of the outside world; tests give their own.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands = []command{
	{"serve", "run the web server (creates and migrates the database on first start)", runServe},
	{"migrate", "upgrade the database schema to this release", runMigrate},
	{"user create", "create an account (password read from standard input)", runUserCreate},
	{"token create", "print a new API token for an account", runTokenCreate},
	{"demo load", "fill an empty database with the demonstration dataset", runDemoLoad},
	{"backup", "write a consistent copy of the SQLite database, even while the server runs", runBackup},
	{"restore", "replace the SQLite database with a backup", runRestore},
	{"ledger verify", "recompute the ledger from its history and report any disagreement", runLedgerVerify},
	{"version", "print the version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, os.Args[1:], env))
}

// run executes one command and returns the process exit code: 0 on success,
// 2 for a usage mistake, 1 for any other failure, always with one clear line.
func run(ctx context.Context, args []string, env environment) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		return 0
	}
	cmd, rest, ok := findCommand(args)
	if !ok {
		fmt.Fprintf(env.stderr, "parasat: unknown command %q; run `parasat help` for the list\n", commandWords(args))
		return 2
	}
	err := cmd.run(ctx, rest, env)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(env.stderr, "parasat %s: %v\n", cmd.name, err)
		return 2
	default:
		fmt.Fprintf(env.stderr, "parasat %s: %v\n", cmd.name, err)
		return 1
	}
}

func findCommand(args []string) (command, []string, bool) {
	for _, c := range commands {
		words := splitWords(c.name)
		if len(args) >= len(words) && equalWords(args[:len(words)], words) {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Parasat coordinates charity: organisations, events, people helped, gifts and reports.")
	fmt.Fprintln(w, "\nUsage: parasat <command> [flags]   (parasat <command> --help for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery flag can also be set with a PARASAT_* environment variable, named in --help.")
}

// usageError is a mistake in how a command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
