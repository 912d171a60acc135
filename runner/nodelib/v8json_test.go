package nodelib

import (
	"encoding/json"
	"os"
	"testing"
)

func TestV8JSONParseErrorMatchesNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/json-errors.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Src, Want string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 60 {
		t.Fatalf("%d cases", len(cases))
	}
	for _, c := range cases {
		if got := V8JSONParseError(c.Src); got != c.Want {
			t.Errorf("%q: %q, Node says %q", c.Src, got, c.Want)
		}
	}
}
