package cmd

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
)

// The report's columns are UTF-16 code units (Node's); the caret must land under that
// character as a terminal draws the line: CJK characters and emoji take two cells, and the
// excerpt prints a tab as one space.
func TestSourceExcerptCaretUnderTheReportedCharacter(t *testing.T) {
	cases := []struct {
		name, script string
		line, col    int
		want         string
	}{
		// Node: 2:24, the 'b' of bar; 23 characters before it, three of them wide.
		{"cjk", "x\n  var s = \"日本語\"; s.foo.bar;\n", 2, 24,
			"  2 |   var s = \"日本語\"; s.foo.bar;\n    | " + strings.Repeat(" ", 26) + "^\n"},
		// Node: 2:25; each emoji is two UTF-16 units and two cells.
		{"emoji", "x\n  var s = \"😀😀\"; s.foo.bar;\n", 2, 25,
			"  2 |   var s = \"😀😀\"; s.foo.bar;\n    | " + strings.Repeat(" ", 24) + "^\n"},
		{"tab", "x\n\tvar s = 1;\tnull.x;\n", 2, 18,
			"  2 |  var s = 1; null.x;\n    | " + strings.Repeat(" ", 17) + "^\n"},
		// The end of input, past the last character of the line.
		{"end", "a\nab", 2, 3, "  2 | ab\n    |   ^\n"},
		{"crlf", "a\r\nab\r\n", 2, 2, "  2 | ab\n    |  ^\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := sourceExcerpt(c.script, c.line, c.col); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	if got := sourceExcerpt("a", 2, 1); got != "" {
		t.Errorf("a line past the script gave %q", got)
	}
}

// A hook's error with own properties (statusCode, code…) shows them in the human output.
func TestHumanReportShowsErrorProperties(t *testing.T) {
	rep := &runner.Report{Trigger: trigger.PreUserRegistration, Result: json.RawMessage("null"),
		Error: &runner.ScriptError{Name: "Error", Message: "with props", Kind: runner.KindRuntime,
			Properties: json.RawMessage(`{"statusCode":403,"code":"E_X"}`)}}
	var b bytes.Buffer
	writeHumanReport(&b, rep, "", "h.js")
	if !strings.Contains(b.String(), "\nError: Error: with props\n  properties: {\"statusCode\":403,\"code\":\"E_X\"}\n") {
		t.Errorf("output:\n%s", b.String())
	}
}
