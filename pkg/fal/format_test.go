package fal

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// leaks reports whether out shows the key, as text or as hex.
func leaks(out string) bool {
	lower := strings.ToLower(out)
	return strings.Contains(out, testKey) || strings.Contains(lower, hex.EncodeToString([]byte(testKey)))
}

// TestNoFormatShowsTheKey prints the client, its settings and the key
// holder with every verb letter and flag fmt knows: none shows the key.
func TestNoFormatShowsTheKey(t *testing.T) {
	t.Setenv("FAL_KEY", "")
	c, err := NewClient(WithAPIKey(testKey), WithBaseURL("https://api.fal.ai/v1"))
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]any{
		"*Client":           c,
		"Client":            *c,
		"settings":          c.settings,
		"*settings":         &c.settings,
		"*apiKey":           c.settings.key,
		"apiKey":            *c.settings.key,
		"struct of Client":  struct{ C Client }{*c},
		"struct of *Client": struct{ c *Client }{c},
		"slice of settings": []settings{c.settings},
	}
	var verbs []rune
	for r := 'a'; r <= 'z'; r++ {
		verbs = append(verbs, r, r-'a'+'A')
	}
	for name, v := range values {
		for _, verb := range verbs {
			for _, flags := range []string{"", "+", "#", "+#", "-", " ", "0", "10.3"} {
				format := "%" + flags + string(verb)
				if out := fmt.Sprintf(format, v); leaks(out) {
					t.Errorf("%s printed with %s shows the key: %s", name, format, out)
				}
			}
		}
		if out := fmt.Sprint(v) + fmt.Sprintln(v); leaks(out) {
			t.Errorf("%s printed with Sprint shows the key: %s", name, out)
		}
	}
	if got, want := fmt.Sprintf("%s", c), "fal.Client{BaseURL: https://api.fal.ai/v1/, APIKey: [REDACTED]}"; got != want {
		t.Errorf("%%s of the client is %q, want %q", got, want)
	}
	none, err := NewClient(WithAPIKey(""))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%#v", none); !strings.Contains(got, "APIKey: none") {
		t.Errorf("%%#v of a client without a key is %q", got)
	}
}

func TestLogsAndJSONOfTheClientShowNoKey(t *testing.T) {
	t.Setenv("FAL_KEY", "")
	c, err := NewClient(WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	for _, h := range []slog.Handler{
		slog.NewJSONHandler(&logs, nil),
		slog.NewTextHandler(&logs, nil),
	} {
		l := slog.New(h)
		l.Info("client", "c", c, "value", *c, "settings", c.settings, "key", c.settings.key, "keyValue", *c.settings.key)
		l.Info("any", slog.Any("c", c))
	}
	if leaks(logs.String()) {
		t.Errorf("the logs show the key:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"c":{"base_url":"https://api.fal.ai/v1/","api_key":true}`) {
		t.Errorf("the JSON log does not summarize the client:\n%s", logs.String())
	}
	for name, v := range map[string]any{"*Client": c, "Client": *c, "*apiKey": c.settings.key, "apiKey": *c.settings.key} {
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if leaks(string(out)) {
			t.Errorf("encoding/json of %s shows the key: %s", name, out)
		}
	}
}
