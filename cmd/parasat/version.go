package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

func runVersion(_ context.Context, args []string, env environment) error {
	fs := newFlagSet("version", "Print the version of this binary.", env.stderr)
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "parasat", buildVersion())
	return nil
}
