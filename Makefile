# Everything a developer or CI runs. `make test` is the test command of the
# README and of .ci/run: vet, the generated-code check, the race-enabled
# tests and the linters. `make help` lists the targets: each documents itself
# with a `## ` comment on its rule's line, which a test insists on.

GO       ?= go
BIN      := $(CURDIR)/bin
LINT     := $(BIN)/golangci-lint
ACTIONLINT := $(BIN)/actionlint
PRISM    := internal/devtools/prism/node_modules/.bin/prism
# Prism runs on Node.js: without npm, conformance is skipped (an error when
# CI=true) and history runs without it.
NPM      := $(shell command -v npm)
WITH_PRISM := $(if $(NPM),FAL_PRISM=$(CURDIR)/$(PRISM))
# Files go generate writes (README.md holds the table of operations);
# check-generated fails when they are not what the pipeline produces from
# api/, or when it adds or removes one.
GENERATED_HASHES = sha256sum $$(LC_ALL=C ls -d gen/falapi/*.gen.go gen/falapi/*.json pkg/fal/*.gen.go pkg/fal/*_gen_test.go internal/falapiref/*.gen.go cmd/falctl/*.gen.go internal/falapidec/*.gen.go internal/falapidec/*_gen_test.go) README.md

.PHONY: help test vet generate check-generated unit conformance lint lint-workflows devtools-test bench bench-peers fuzz history update-schema vuln exporter-integration clean

test: vet check-generated unit conformance lint lint-workflows devtools-test ## what CI runs (.ci/run): every check it depends on

help: ## list the targets, one line each
	@awk 'BEGIN { FS = ":.*## " } /^[A-Za-z0-9_.-]+:.*## / { printf "  %-17s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

vet: ## go vet ./...
	$(GO) vet ./...

generate: ## go generate ./gen/...: the types and typed methods from api/openapi.json
	$(GO) generate ./gen/...

check-generated: ## fail when go generate would change the committed generated code
	@before=$$($(GENERATED_HASHES)); \
	$(GO) generate ./gen/... || exit 1; \
	after=$$($(GENERATED_HASHES)); \
	if [ "$$before" != "$$after" ]; then \
		echo "check-generated: go generate changed the generated code; commit what it wrote:"; \
		git status --short -- gen pkg/fal internal/falapiref cmd/falctl internal/falapidec README.md; exit 1; \
	fi; \
	echo "check-generated: generated code is current"

unit: ## go test -race ./...
	$(GO) test -race ./...

# conformance sends every operation's request, as the contract tests build
# it, to Prism (pinned in internal/devtools/prism, installed with npm ci): an
# OpenAPI mock that shares no code with this module and refuses a request
# its schema does not allow.
conformance: $(if $(NPM),$(PRISM)) ## every operation's request against Prism, an independent OpenAPI mock that validates it
ifeq ($(NPM),)
	@if [ "$$CI" = true ]; then echo "conformance: npm is not installed: Prism needs Node.js and npm"; exit 1; fi
	@echo "conformance: skipped: npm is not installed (Prism needs Node.js and npm; with CI=true this fails)"
else
	$(WITH_PRISM) $(GO) test -count=1 -run '^TestContractAgainstPrism$$' ./internal/contract/
endif

$(PRISM): internal/devtools/prism/package.json internal/devtools/prism/package-lock.json
	cd internal/devtools/prism && npm ci --no-audit --no-fund
	@touch $(PRISM)

lint: $(LINT) ## golangci-lint on the module and on internal/devtools
	$(LINT) run ./...
	cd internal/devtools && $(LINT) run ./...

$(LINT): internal/devtools/go.mod internal/devtools/go.sum
	cd internal/devtools && $(GO) build -o $(LINT) github.com/golangci/golangci-lint/v2/cmd/golangci-lint

# actionlint checks the workflows in .github/workflows. When shellcheck is
# installed (it is on GitHub's runners, and .ci/run installs it), actionlint
# runs it on their run: steps, and it checks .ci/run and the scripts the
# workflows call; the first line of the output says whether it ran.
lint-workflows: $(ACTIONLINT) ## actionlint on .github/workflows; shellcheck on their shell and the scripts, when installed
	@if command -v shellcheck >/dev/null; then \
		echo "lint-workflows: actionlint and $$(shellcheck --version | sed -n 's/^version: /shellcheck /p')"; \
		shellcheck .ci/run .github/scripts/*.sh; \
	else \
		echo "lint-workflows: actionlint only: shellcheck is not installed, so no shell script is checked"; \
	fi
	$(ACTIONLINT)

$(ACTIONLINT): internal/devtools/actionlint/go.mod internal/devtools/actionlint/go.sum
	cd internal/devtools/actionlint && $(GO) build -o $(ACTIONLINT) github.com/rhysd/actionlint/cmd/actionlint

# Schema tools, built from internal/devtools (Go 1.26). update-schema replaces
# api/openapi.json with fal's schema (FROM=file works offline), regenerates,
# runs the contract tests and writes a change report to $(REPORT); when a step
# fails it puts every file back and exits 1. history checks that each revision
# in testdata/schemas, api/openapi.json and the variants in
# testdata/schemas/variants (fal's defective revisions, and constructs fal
# has not published yet) still generate a client that builds, vets and
# passes the contract tests, Prism's (make conformance) included.
FROM   ?= https://api.fal.ai/v1/openapi.json
REPORT ?= $(BIN)/schema-update.md

update-schema: ## fetch fal's schema (FROM=url|file), regenerate, test, write a report (REPORT=bin/schema-update.md)
	cd internal/devtools && $(GO) build -o $(BIN)/update-schema ./cmd/update-schema
	$(BIN)/update-schema -from $(FROM) -report $(REPORT)

history: $(if $(NPM),$(PRISM)) ## check that the current schema, every revision in testdata/schemas and the variants still generate a working client
	cd internal/devtools && $(GO) build -o $(BIN)/schema-history ./cmd/schema-history
	$(WITH_PRISM) $(BIN)/schema-history

# Tests of the schema tools: the report chain over the historical revisions
# and the history check (a few minutes; -short skips the pipeline runs).
devtools-test: ## the tests of the schema tools (internal/devtools)
	cd internal/devtools && $(GO) test ./...

# govulncheck needs the vulnerability database, which CI cannot reach.
vuln: ## govulncheck (needs the vulnerability database online)
	cd internal/devtools && $(GO) run golang.org/x/vuln/cmd/govulncheck -C ../.. ./...

# Benchmarks, each beside the baseline it is judged against.
bench: ## every benchmark, beside its baseline
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fal-go against its peers on three large answers (GetModels, GetUsage,
# GetAnalytics): an ogen client generated here from the normalized schema
# (ModelOpenAPI's anyOf patched into a oneOf for ogen; client features only;
# into the git-ignored internal/devtools/peerbench/ogenfal) and bare
# net/http + encoding/json, in interleaved rounds. A few minutes.
NORMALIZED := $(CURDIR)/gen/falapi/openapi.normalized.json

bench-peers: ## fal-go against an ogen client and bare encoding/json on three large answers
	cd internal/devtools && $(GO) run ./cmd/peer-ogen -schema $(NORMALIZED)
	cd internal/devtools && $(GO) run -tags peerbench ./cmd/bench-peers -schema $(NORMALIZED)

# A short run of every fuzzer, one line each (go test runs only one fuzz
# target at a time).
FUZZTIME ?= 30s
fuzz: ## a short run of every fuzzer (FUZZTIME=30s each)
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./internal/jsondec/
	$(GO) test -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime $(FUZZTIME) ./internal/falapidec/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./internal/sse/
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./internal/csvrows/
	$(GO) test -run '^$$' -fuzz '^FuzzPartReader$$' -fuzztime $(FUZZTIME) ./pkg/falmock/
	$(GO) test -run '^$$' -fuzz '^FuzzCredentialKey$$' -fuzztime $(FUZZTIME) ./pkg/falmock/
	$(GO) test -run '^$$' -fuzz '^FuzzMembers$$' -fuzztime $(FUZZTIME) ./pkg/falmock/
	$(GO) test -run '^$$' -fuzz '^FuzzEcho$$' -fuzztime $(FUZZTIME) ./pkg/falmock/
	$(GO) test -run '^$$' -fuzz '^FuzzNewAPIError$$' -fuzztime $(FUZZTIME) ./pkg/fal/
	$(GO) test -run '^$$' -fuzz '^FuzzEventStreamResume$$' -fuzztime $(FUZZTIME) ./pkg/fal/
	$(GO) test -run '^$$' -fuzz '^FuzzEditJSON$$' -fuzztime $(FUZZTIME) ./pkg/fal/
	$(GO) test -run '^$$' -fuzz '^FuzzAppMetrics$$' -fuzztime $(FUZZTIME) ./cmd/fal-exporter/

# fal-exporter against a real Prometheus server and promtool (Debian's
# prometheus package; make test runs it too, and skips it without them
# unless CI=true).
exporter-integration: ## fal-exporter scraped by a real Prometheus (needs Debian's prometheus package)
	CI=true $(GO) test -race -count=1 -v -run '^(TestPrometheusScrapesExporter|TestREADMEScrapeConfig)$$' ./cmd/fal-exporter/

clean: ## remove bin/ (the built tools and reports) and the installed Prism
	rm -rf $(BIN) internal/devtools/prism/node_modules
