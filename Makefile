# Every test, the way CI runs it. PostgreSQL tests run when
# PARASAT_TEST_DATABASE_URL names a server (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)
# and are skipped, with a note, when it is unset.
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test lint vet build run bench bench-ledger bench-reports

test: vet lint
	CGO_ENABLED=0 go test -count=1 -timeout 20m ./...

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	go vet ./...

lint:
	go run $(STATICCHECK) ./...

build:
	CGO_ENABLED=0 go build -o parasat ./cmd/parasat

run:
	go run ./cmd/parasat serve --demo

# Lookups in the beneficiary register over a million generated people, and
# imports of 100,000 rows, on SQLite and, when PARASAT_TEST_DATABASE_URL is
# set, PostgreSQL. Each benchmark fills its own database first (its fill time
# is logged); no test runs.
bench:
	PARASAT_BENCH_BENEFICIARIES=1000000 CGO_ENABLED=0 go test -run '^$$' -bench 'Beneficiar|Import' -benchmem -count=1 -timeout 60m -v ./sqlstore

# The ledger's balances, public accounts and a fund's page of entries over
# ten million entries, on SQLite and, when PARASAT_TEST_DATABASE_URL is set,
# PostgreSQL; then gifts recorded through the API on SQLite. Each engine's
# database is filled once (its fill time is logged).
bench-ledger:
	PARASAT_BENCH_LEDGER_ENTRIES=10000000 CGO_ENABLED=0 go test -run '^$$' -bench 'BenchmarkLedger' -benchmem -count=1 -timeout 90m -v ./sqlstore
	CGO_ENABLED=0 go test -run '^$$' -bench 'RecordDonation' -benchtime 5000x -count=1 -timeout 20m ./sqlstore ./http

# Report figures over 10,000,000 aid records, 200,000 events and 1,000,000
# beneficiaries (with gifts, shifts and organisations in proportion), on
# SQLite and, when PARASAT_TEST_DATABASE_URL is set, PostgreSQL: summaries
# (mean and 95th percentile), breakdowns and a year's report with every
# breakdown (loading the index is timed once); then the index alone, and the workbook
# and the PDF of a year.
bench-reports:
	PARASAT_BENCH_AID=10000000 CGO_ENABLED=0 go test -run '^$$' -bench '^BenchmarkReport$$' -benchtime 40x -count=1 -timeout 120m -v ./sqlstore
	PARASAT_BENCH_AID=10000000 CGO_ENABLED=0 go test -run '^$$' -bench . -benchtime 10x -count=1 ./tally ./report/export
