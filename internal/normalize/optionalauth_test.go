package normalize

import "testing"

func TestAuthOptional(t *testing.T) {
	for description, want := range map[string]bool{
		"List models.\n\n**Authentication:** Optional. Without a key, rate limits are lower.": true,
		"**Authentication:**   Optional":               true,
		"**Authentication:** Required (admin API key)": false,
		"Authentication: Optional":                     false,
		"**Authentication:** Optionally an admin key":  false,
		"": false,
	} {
		if got := AuthOptional(description); got != want {
			t.Errorf("AuthOptional(%q) = %v, want %v", description, got, want)
		}
	}
}
