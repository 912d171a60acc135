package nodelib

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// v8JSONMutants derives invalid (and some valid) JSON texts from seeds: every prefix, and
// every position with one character deleted, replaced or inserted from a set that covers each
// token V8 distinguishes, escapes, control characters, Latin-1, BMP and astral characters.
func v8JSONMutants() []string {
	seeds := []string{
		`{"a":1,"b":[true,false,null],"c":{"d":"e\n\u00e9"}}`,
		`[1,-2.5e+3,0,"x",{},[],{"k":[{}]}]`,
		`{"long key number one":"value one","second":[10,20,30],"third":{"x":-0.125}}`,
		`"caf\u00e9 \ud83d\ude00 €😀"`,
		`  [ 1 , 2 ]  `,
		`-0.5E-7`,
		`{"é":"😀","x":"\\\"\/\b\f\n\r\t"}`,
	}
	inserts := []string{`"`, `\`, `,`, `:`, `{`, `}`, `[`, `]`, `0`, `7`, `-`, `+`, `.`, `e`, `x`, `u`, `t`, `n`, `f`, ` `, "\t", "\x01", "\x7f", `é`, `€`, `😀`, `/`}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, seed := range seeds {
		r := []rune(seed)
		for i := 0; i <= len(r); i++ {
			add(string(r[:i]))
			if i < len(r) {
				add(string(r[:i]) + string(r[i+1:]))
			}
			for _, c := range inserts {
				add(string(r[:i]) + c + string(r[i:]))
				if i < len(r) {
					add(string(r[:i]) + c + string(r[i+1:]))
				}
			}
		}
	}
	for _, s := range []string{"NaN", "Infinity", "-Infinity", "undefined", "[object Object]", "nul", "tr1", "fals\"", "[" + strings.Repeat("[", 100000), strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "]"} {
		add(s)
	}
	return out
}

// TestV8JSONParseErrorAgreesWithNode runs the mutants through Node's JSON.parse and through
// V8JSONParseError, and wants the same verdict and the same message for every one.
func TestV8JSONParseErrorAgreesWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	cases := v8JSONMutants()
	dir := t.TempDir()
	in := filepath.Join(dir, "cases.json")
	raw, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	script := `const cases = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) => { try { JSON.parse(c); return ''; } catch (e) { return e.message; } })));`
	got, err := exec.Command(node, "-e", script, in).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(got, &want); err != nil {
		t.Fatalf("node output: %v", err)
	}
	if len(want) != len(cases) {
		t.Fatalf("node answered %d of %d cases", len(want), len(cases))
	}
	failures := 0
	for i, c := range cases {
		if msg := V8JSONParseError(c); msg != want[i] {
			failures++
			if failures <= 40 {
				shown := c
				if len(shown) > 80 {
					shown = shown[:80] + "…"
				}
				t.Errorf("%q:\n  hookterm %q\n  node     %q", shown, msg, want[i])
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d texts disagree", failures, len(cases))
	}
}
