package nodelib

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/dop251/goja"
)

// stackFrameLine matches the "    at …" lines of a stack: they name files and engine
// internals, so they differ between Node and goja by nature and are compared without.
var stackFrameLine = regexp.MustCompile(`(?m)\n *at [^\n]*`)

func stripFrames(s string) string { return stackFrameLine.ReplaceAllString(s, "") }

type inspectCase struct {
	Kind, Name, Src, Want string
}

// TestInspectAndFormatMatchNode compares Inspect and Format with util.inspect and
// util.format outputs recorded from Node.js 20 (testdata/gen-inspect.js).
func TestInspectAndFormatMatchNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/inspect.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Node  string
		Cases []inspectCase
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 100 {
		t.Fatalf("only %d cases in testdata/inspect.json", len(file.Cases))
	}
	for _, tc := range file.Cases {
		t.Run(tc.Kind+"/"+tc.Name, func(t *testing.T) {
			rt := nodelibTestRuntime(t)
			v, err := rt.RunString(tc.Src)
			if err != nil {
				t.Fatalf("%s: %v", tc.Src, err)
			}
			var got string
			if tc.Kind == "format" {
				var args []goja.Value
				o := v.ToObject(rt)
				for i := int64(0); i < o.Get("length").ToInteger(); i++ {
					args = append(args, o.Get(itoa(i)))
				}
				got = Format(rt, args)
			} else {
				got = Inspect(rt, v)
			}
			if stripFrames(got) != stripFrames(tc.Want) {
				t.Errorf("%s\n got: %s\nwant: %s", tc.Src, got, tc.Want)
			}
		})
	}
}

func itoa(i int64) string { return goja.New().ToValue(i).String() }
