package nodelib

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

var gojaTopFrame = regexp.MustCompile(`\n\tat <eval>:(\d+):(\d+)\(\d+\)`)

// TestV8MessageAtMatchesNode runs each failing call in goja, takes goja's message and the
// position of its first script frame, and checks V8MessageAt gives Node's message.
func TestV8MessageAtMatchesNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/call-errors.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Src, Want string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		rt := goja.New()
		_, err := rt.RunString(c.Src)
		exc, ok := err.(*goja.Exception)
		if !ok {
			t.Fatalf("%q: want an exception, got %v", c.Src, err)
		}
		e := exc.Value().ToObject(rt)
		stack := e.Get("stack").String()
		m := gojaTopFrame.FindStringSubmatch(stack)
		if m == nil {
			t.Fatalf("%q: no script frame in %q", c.Src, stack)
		}
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		inNative := strings.Contains(stack, "(native)")
		if got := V8MessageAt(e.Get("message").String(), c.Src, line, col, inNative); got != c.Want {
			t.Errorf("%q: %q (goja: %q), Node says %q", c.Src, got, e.Get("message"), c.Want)
		}
	}
}
