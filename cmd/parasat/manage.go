package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/demo"
	"github.com/parasat-kz/parasat/password"
)

// cliActor marks changes made from the command line in the audit log.
func cliContext(ctx context.Context) context.Context {
	return parasat.WithActor(ctx, parasat.Actor{Address: "cli"})
}

func runMigrate(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("migrate", "Upgrade the database schema to this release. Safe while a server runs;\na database made by a newer release is refused and left untouched.", env.stderr)
	cfg := databaseFlags(fs)
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	db, applied, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	current, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.stdout, "%s: schema is up to date at version %d\n", describeDatabase(db, cfg), current)
		return nil
	}
	fmt.Fprintf(env.stdout, "%s: applied migrations %v; schema is now at version %d\n", describeDatabase(db, cfg), applied, current)
	return nil
}

func runUserCreate(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("user create", "Create an account. The password is read from standard input, so it\nnever appears in the shell history or the process list:\n\n  printf '%s' \"$PASSWORD\" | parasat user create --email a@example.kz --name 'Aigerim' --role admin --password-stdin", env.stderr)
	cfg := databaseFlags(fs)
	email := fs.String("email", "", "e-mail address, used to sign in (required)")
	name := fs.String("name", "", "display name (required)")
	role := fs.String("role", "", "role: admin, coordinator, manager, volunteer or patron (required)")
	region := fs.String("region", "", "for a coordinator: the region, such as KZ-71")
	org := fs.Int64("organisation", 0, "for a manager: the id of the organisation")
	lang := fs.String("language", "kk", "preferred language: kk, ru or en")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input (required)")
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	if !*fromStdin {
		return usageError{"pass the password on standard input and add --password-stdin"}
	}
	pw, err := readPassword(env.stdin)
	if err != nil {
		return err
	}
	grant := parasat.Grant{Role: parasat.Role(*role), Region: strings.ToUpper(*region)}
	if *org != 0 {
		grant.OrganisationID = org
	}
	u := &parasat.User{Email: *email, Name: *name, Language: parasat.Language(*lang), Grants: []parasat.Grant{grant}}
	u.Normalize()
	// Check before hashing and before touching the database.
	if err := errors.Join(u.Validate(), grant.Validate()); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreateUser(cliContext(ctx), u, hash); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created %s account %s (id %d)\n", grant.Role, u.Email, u.ID)
	return nil
}

// readPassword reads one line (or everything up to EOF) and checks its length.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if len([]rune(pw)) < parasat.MinPasswordLength {
		return "", usageError{fmt.Sprintf("the password on standard input must have at least %d characters", parasat.MinPasswordLength)}
	}
	return pw, nil
}

func runTokenCreate(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("token create", "Create an API token for an account and print it. It is shown only\nonce; send it as `Authorization: Bearer <token>`.", env.stderr)
	cfg := databaseFlags(fs)
	email := fs.String("email", "", "e-mail of the account (required)")
	name := fs.String("name", "command line", "what the token is for, to recognise it later")
	expires := fs.Duration("expires-in", 0, "lifetime such as 720h; 0 for a token that does not expire")
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	if *email == "" {
		return usageError{"--email is required"}
	}
	if *expires < 0 {
		return usageError{"--expires-in must not be negative"}
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	t := &parasat.APIToken{UserID: u.ID, Name: *name}
	if *expires > 0 {
		at := time.Now().Add(*expires).UTC()
		t.ExpiresAt = &at
	}
	secret, err := db.CreateToken(cliContext(ctx), t)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, secret)
	return nil
}

func runDemoLoad(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("demo load", "Fill an empty database with the demonstration dataset: the capital's\nAssembly with its ethno-cultural associations, Council of Mothers, youth\nwing and Club of patrons. A database that has data is left as it is.", env.stderr)
	cfg := databaseFlags(fs)
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	if !loaded {
		fmt.Fprintln(env.stdout, "the database already has data: demo not loaded")
		return nil
	}
	n, _ := db.CountOrganisations(ctx)
	fmt.Fprintf(env.stdout, "demo loaded: %d organisations\n", n)
	return nil
}
