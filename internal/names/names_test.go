package names

import (
	"regexp"
	"strings"
	"testing"
)

// The functions replace these regexps; they must agree with them on every input.
var (
	secretNamePattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	profileNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
)

func namesTestInputs() []string {
	in := []string{"", "a", "A_b-9", "_x", "-x", ".x", "x.y", "a b", "é", "a\n", "a/b", "a$", "0", "x-", "x_", "x.", "a\x00"}
	for _, n := range []int{63, 64, 65, 127, 128, 129} {
		in = append(in, strings.Repeat("a", n), "_"+strings.Repeat("a", n-1), strings.Repeat("a", n-1)+".")
	}
	for c := 0; c < 256; c++ {
		in = append(in, string(rune(c)), "a"+string([]byte{byte(c)}), string([]byte{byte(c)})+"a")
	}
	return in
}

func TestValidSecretNameAgreesWithPattern(t *testing.T) {
	for _, s := range namesTestInputs() {
		if got, want := ValidSecretName(s), secretNamePattern.MatchString(s); got != want {
			t.Errorf("ValidSecretName(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

func TestValidProfileNameAgreesWithPattern(t *testing.T) {
	for _, s := range namesTestInputs() {
		if got, want := ValidProfileName(s), profileNamePattern.MatchString(s); got != want {
			t.Errorf("ValidProfileName(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
