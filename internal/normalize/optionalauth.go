package normalize

import "regexp"

// optionalAuthText is how fal's schema says, in an operation's description,
// that the operation also serves requests without a key (getModels).
var optionalAuthText = regexp.MustCompile(`\*\*Authentication:\*\*\s*Optional\b`)

// AuthOptional reports whether an operation's description says that the
// operation also serves requests without a key ("**Authentication:**
// Optional"), which the schema's security requirements do not say. The
// normalizer adds the empty requirement for it; falmock lets such requests
// through.
func AuthOptional(description string) bool {
	return optionalAuthText.MatchString(description)
}
