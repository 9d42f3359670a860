package genclient

import (
	"strings"
	"testing"
)

func TestOperationsTable(t *testing.T) {
	methods := []method{
		{Name: "GetUsage", Tag: "Models", SubTag: "Usage", Auth: "authAdmin", Result: resultJSON, Pages: &pages{}},
		{Name: "GetModels", Tag: "Models", Result: resultJSON, Pages: &pages{}},
		{Name: "GetPricing", Tag: "Models", SubTag: "Pricing", Result: resultJSON},
		{Name: "ServerlessLogsStream", Tag: "Serverless", SubTag: "Logs", Result: resultEvents},
		{Name: "GetFocusReport", Tag: "Account", Auth: "authAdmin", Result: resultCSV},
		{Name: "UploadAsset", Tag: "Assets", Result: resultJSON, UploadField: "file"},
	}
	got := operationsTable(methods)
	for _, want := range []string{
		"| Account | 1 | `GetFocusReport` † (CSV) |\n",
		"| Assets | 1 | `UploadAsset` (upload) |\n",
		"| Models | 3 | `GetModels`; Pricing: `GetPricing`; Usage: `GetUsage` † |\n",
		"| Serverless | 1 | Logs: `ServerlessLogsStream` (SSE) |\n",
		"6 operations in all. The 2 paginated ones",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if a, m := strings.Index(got, "| Account"), strings.Index(got, "| Models"); a < 0 || m < a {
		t.Errorf("areas are not in alphabetical order:\n%s", got)
	}
}

func TestSpliceOperationsTable(t *testing.T) {
	readme := "# Title\n\nintro\n" + tableBegin + "old table\n" + tableEnd + "\nrest\n"
	got, err := SpliceOperationsTable([]byte(readme), "new table\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Title\n\nintro\n" + tableBegin + "new table\n" + tableEnd + "\nrest\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := SpliceOperationsTable([]byte("# no markers\n"), "t"); err == nil {
		t.Error("a README without markers was accepted")
	}
}
