# Everything a developer or CI runs. `make test` is the test command of the
# README and of .ci/run: vet, the generated-code check, the race-enabled
# tests and the linter.

GO       ?= go
BIN      := $(CURDIR)/bin
LINT     := $(BIN)/golangci-lint
# Files go generate writes; check-generated fails when they are not what the
# pipeline produces from api/.
GENERATED := gen/falapi/openapi.normalized.json gen/falapi/falapi.gen.go pkg/fal/operations.gen.go pkg/fal/builders_gen_test.go

.PHONY: test vet generate check-generated unit lint bench fuzz history update-schema vuln clean

test: vet check-generated unit lint

vet:
	$(GO) vet ./...

generate:
	$(GO) generate ./gen/...

check-generated:
	@before=$$(sha256sum $(GENERATED)); \
	$(GO) generate ./gen/... || exit 1; \
	after=$$(sha256sum $(GENERATED)); \
	if [ "$$before" != "$$after" ]; then \
		echo "check-generated: go generate changed the generated code; commit what it wrote:"; \
		git status --short -- $(GENERATED); exit 1; \
	fi; \
	echo "check-generated: generated code is current"

unit:
	$(GO) test -race ./...

lint: $(LINT)
	$(LINT) run ./...

$(LINT): internal/devtools/go.mod internal/devtools/go.sum
	cd internal/devtools && $(GO) build -o $(LINT) github.com/golangci/golangci-lint/v2/cmd/golangci-lint

# Benchmarks, each beside the baseline it is judged against.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# A short run of every fuzzer (go test runs only one fuzz target at a time).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./internal/sse/

clean:
	rm -rf $(BIN)
