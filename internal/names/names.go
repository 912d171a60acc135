// Package names holds the naming rules that both the local tenant and the CLI enforce, so
// that the CLI can refuse a bad name before any request and both say the same thing.
package names

// MaxSecretName is the longest secret name the local tenant accepts (decisions.md).
const MaxSecretName = 128

// ValidSecretName reports whether s is 1 to MaxSecretName characters of A–Z, a–z, 0–9, '_'
// and '-' (decisions.md). It is written out rather than as a regexp: compiling the
// equivalent `^[A-Za-z0-9_-]{1,128}$` expands the repetition 128 times and cost every
// hookterm process a fraction of a millisecond at start-up.
func ValidSecretName(s string) bool {
	if len(s) == 0 || len(s) > MaxSecretName {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ValidProfileName reports whether s names a profile: a letter or digit, then up to 63 more
// of A–Z, a–z, 0–9, '_', '.' and '-', so that it is safe as a file and keyring name.
func ValidProfileName(s string) bool {
	if len(s) == 0 || len(s) > 64 || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-' {
			return false
		}
	}
	return true
}
