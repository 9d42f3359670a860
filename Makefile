# Everything a developer or CI runs. `make test` is the test command of the
# README and of .ci/run: vet, the generated-code check, the race-enabled
# tests and the linter.

GO       ?= go
BIN      := $(CURDIR)/bin
LINT     := $(BIN)/golangci-lint
# Files go generate writes (README.md holds the table of operations);
# check-generated fails when they are not what the pipeline produces from
# api/, or when it adds or removes one.
GENERATED_HASHES = sha256sum $$(LC_ALL=C ls -d gen/falapi/*.gen.go gen/falapi/*.json pkg/fal/*.gen.go pkg/fal/*_gen_test.go internal/falapiref/*.gen.go internal/falapidec/*.gen.go internal/falapidec/*_gen_test.go) README.md

.PHONY: test vet generate check-generated unit lint devtools-test bench bench-peers fuzz history update-schema vuln clean

test: vet check-generated unit lint devtools-test

vet:
	$(GO) vet ./...

generate:
	$(GO) generate ./gen/...

check-generated:
	@before=$$($(GENERATED_HASHES)); \
	$(GO) generate ./gen/... || exit 1; \
	after=$$($(GENERATED_HASHES)); \
	if [ "$$before" != "$$after" ]; then \
		echo "check-generated: go generate changed the generated code; commit what it wrote:"; \
		git status --short -- gen pkg/fal internal/falapiref internal/falapidec README.md; exit 1; \
	fi; \
	echo "check-generated: generated code is current"

unit:
	$(GO) test -race ./...

lint: $(LINT)
	$(LINT) run ./...
	cd internal/devtools && $(LINT) run ./...

$(LINT): internal/devtools/go.mod internal/devtools/go.sum
	cd internal/devtools && $(GO) build -o $(LINT) github.com/golangci/golangci-lint/v2/cmd/golangci-lint

# Schema tools, built from internal/devtools (Go 1.26). update-schema replaces
# api/openapi.json with fal's schema (FROM=file works offline), regenerates,
# runs the contract tests and writes a change report to $(REPORT); when a step
# fails it puts every file back and exits 1. history checks that each revision
# in testdata/schemas, and api/openapi.json, still generates a client that
# builds, vets and passes the contract tests.
FROM   ?= https://api.fal.ai/v1/openapi.json
REPORT ?= $(BIN)/schema-update.md

update-schema:
	cd internal/devtools && $(GO) build -o $(BIN)/update-schema ./cmd/update-schema
	$(BIN)/update-schema -from $(FROM) -report $(REPORT)

history:
	cd internal/devtools && $(GO) build -o $(BIN)/schema-history ./cmd/schema-history
	$(BIN)/schema-history

# Tests of the schema tools: the report chain over the historical revisions
# and the history check (a few minutes; -short skips the pipeline runs).
devtools-test:
	cd internal/devtools && $(GO) test ./...

# govulncheck needs the vulnerability database, which CI cannot reach.
vuln:
	cd internal/devtools && $(GO) run golang.org/x/vuln/cmd/govulncheck -C ../.. ./...

# Benchmarks, each beside the baseline it is judged against.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fal-go against its peers on three large answers (GetModels, GetUsage,
# GetAnalytics): an ogen client generated here from the normalized schema
# (ModelOpenAPI's anyOf patched into a oneOf for ogen; client features only;
# into the git-ignored internal/devtools/peerbench/ogenfal) and bare
# net/http + encoding/json, in interleaved rounds. A few minutes.
NORMALIZED := $(CURDIR)/gen/falapi/openapi.normalized.json

bench-peers:
	cd internal/devtools && $(GO) run ./cmd/peer-ogen -schema $(NORMALIZED)
	cd internal/devtools && $(GO) run -tags peerbench ./cmd/bench-peers -schema $(NORMALIZED)

# A short run of every fuzzer (go test runs only one fuzz target at a time):
# the SSE parser, the CSV row reader, falmock's multipart reader, the
# reading of error answers, the resuming of a log stream cut anywhere, and
# the JSON decoders against encoding/json (the runtime, then the generated
# decoders of every response type).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./internal/jsondec/
	$(GO) test -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime $(FUZZTIME) ./internal/falapidec/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./internal/sse/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./internal/csvrows/
	$(GO) test -run '^$$' -fuzz '^FuzzPartReader$$' -fuzztime $(FUZZTIME) ./pkg/falmock/
	$(GO) test -run '^$$' -fuzz '^FuzzNewAPIError$$' -fuzztime $(FUZZTIME) ./pkg/fal/
	$(GO) test -run '^$$' -fuzz '^FuzzEventStreamResume$$' -fuzztime $(FUZZTIME) ./pkg/fal/

clean:
	rm -rf $(BIN)
