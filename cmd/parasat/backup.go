package main

import (
	"context"
	"fmt"
)

func runBackup(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("backup", "Write a consistent copy of the embedded SQLite database to a file. Safe\nwhile the server runs. For PostgreSQL use pg_dump instead.", env.stderr)
	cfg := databaseFlags(fs)
	to := fs.String("to", "", "file to write the backup to (required; replaced if it exists)")
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	if *to == "" {
		return usageError{"--to is required"}
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backed up %s to %s\n", db.Path, *to)
	return nil
}

func runRestore(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("restore", "Replace the content of the embedded SQLite database with a backup made by\n`parasat backup`. The backup is checked before anything is replaced. For\nPostgreSQL use pg_restore or psql instead.", env.stderr)
	cfg := databaseFlags(fs)
	from := fs.String("from", "", "backup file to restore (required)")
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	if *from == "" {
		return usageError{"--from is required"}
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Restore(ctx, *from); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "restored %s from %s\n", db.Path, *from)
	return nil
}
