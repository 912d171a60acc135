package highlight

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	// chroma's registry is imported by this test only, as the reference to compare against;
	// it does not reach the binary (TestNoHeavyChromaImports checks the package itself).
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/hookterm/hookterm/trigger"
)

type hlSample struct {
	name, text string
}

func hlJSSamples(t *testing.T) []hlSample {
	t.Helper()
	files, err := filepath.Glob("../../runner/testdata/corpus/*.js")
	if err != nil {
		t.Fatalf("glob corpus: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("no corpus scripts found")
	}
	var out []hlSample
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		out = append(out, hlSample{filepath.Base(f), string(b)})
	}
	for _, p := range trigger.All() {
		out = append(out, hlSample{"starter " + string(p.ID), p.Starter})
	}
	return out
}

func hlJSONSamples(t *testing.T) []hlSample {
	t.Helper()
	var out []hlSample
	for _, p := range trigger.All() {
		out = append(out, hlSample{"sample " + string(p.ID), p.Sample})
		// The same payload compacted and re-indented differently, as runpane shows results.
		var v any
		if err := json.Unmarshal([]byte(p.Sample), &v); err != nil {
			t.Fatalf("sample %s: %v", p.ID, err)
		}
		compact, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %s: %v", p.ID, err)
		}
		out = append(out, hlSample{"compact " + string(p.ID), string(compact)})
	}
	return out
}

func hlTokens(t *testing.T, l chroma.Lexer, text string) []chroma.Token {
	t.Helper()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("tokenise: %v", err)
	}
	return it.Tokens()
}

// hlCategories gives the category of every byte of the text, checking on the way that the
// tokens put back together are exactly the text.
func hlCategories(t *testing.T, name string, toks []chroma.Token, text string) []Category {
	t.Helper()
	var b strings.Builder
	cats := make([]Category, 0, len(text))
	for _, tok := range toks {
		b.WriteString(tok.Value)
		c := Categorize(tok.Type)
		for range len(tok.Value) {
			cats = append(cats, c)
		}
	}
	if b.String() != text {
		t.Fatalf("%s: tokens do not rebuild the input (%d bytes vs %d)", name, b.Len(), len(text))
	}
	return cats
}

// hlAgreement lexes every sample with both lexers and returns the share of non-space bytes
// whose categories agree; it also fails on any sample our lexer does not lex losslessly.
func hlAgreement(t *testing.T, ours, ref chroma.Lexer, samples []hlSample) float64 {
	t.Helper()
	var same, total int
	for _, s := range samples {
		a := hlCategories(t, s.name, hlTokens(t, ours, s.text), s.text)
		b := hlCategories(t, s.name+" (chroma)", hlTokens(t, ref, s.text), s.text)
		for i := range a {
			switch s.text[i] {
			case ' ', '\t', '\n', '\r':
				continue // whitespace is uncoloured whatever the lexer calls it
			}
			total++
			if a[i] == b[i] {
				same++
			} else if testing.Verbose() {
				lineStart := strings.LastIndexByte(s.text[:i], '\n') + 1
				lineEnd := strings.IndexByte(s.text[i:], '\n')
				if lineEnd < 0 {
					lineEnd = len(s.text) - i
				}
				t.Logf("%s: %q at %q: ours %v, chroma %v", s.name, s.text[i], s.text[lineStart:i+lineEnd], a[i], b[i])
			}
		}
	}
	if total == 0 {
		t.Fatal("no characters compared")
	}
	return float64(same) / float64(total)
}

func TestJavaScriptAgreesWithChroma(t *testing.T) {
	ref := lexers.Get("javascript")
	if ref == nil {
		t.Fatal("chroma has no javascript lexer")
	}
	got := hlAgreement(t, JavaScript(), ref, hlJSSamples(t))
	t.Logf("JavaScript: categories agree on %.2f%% of non-space characters", got*100)
	if got < 0.98 {
		t.Errorf("JavaScript categories agree on %.2f%% of characters, want at least 98%%", got*100)
	}
}

func TestJSONAgreesWithChroma(t *testing.T) {
	ref := lexers.Get("json")
	if ref == nil {
		t.Fatal("chroma has no json lexer")
	}
	got := hlAgreement(t, JSON(), ref, hlJSONSamples(t))
	t.Logf("JSON: categories agree on %.2f%% of non-space characters", got*100)
	if got < 0.98 {
		t.Errorf("JSON categories agree on %.2f%% of characters, want at least 98%%", got*100)
	}
}
