package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/runner/nodelib"
	"github.com/hookterm/hookterm/trigger"
)

// The Node comparison: every hook script in testdata/corpus runs under Node.js 20 (through
// testdata/node-harness.js, which reproduces the webtask model and hookterm's sandbox) and
// under RunInProcess; result, error name and message, and logs must be the same. Scripts
// where goja cannot match Node are listed in nodecompatKnownDifferences with a check that
// the difference is still exactly the documented one.

// nodecompatCase is a corpus script with the header comments that drive it:
//
//	// trigger: pre-user-registration
//	// payload: {"user": {…}}          (optional; default: the point's sample payload)
//	// secrets: {"NAME": "value"}      (optional)
type nodecompatCase struct {
	name, file, script string
	trigger            trigger.ID
	payload            json.RawMessage
	secrets            map[string]string
}

// nodecompatOutcome is what both sides are compared on.
type nodecompatOutcome struct {
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	} `json:"error"`
	Logs []struct {
		Level   string `json:"level"`
		Message string `json:"message"`
	} `json:"logs"`
}

var nodecompatHeader = regexp.MustCompile(`^\s*// (trigger|payload|secrets): (.*)$`)

func nodecompatLoad(t *testing.T, file string) nodecompatCase {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := nodecompatCase{name: strings.TrimSuffix(filepath.Base(file), ".js"), file: file, script: string(src)}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 0; sc.Scan() && n < 12; n++ {
		m := nodecompatHeader.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		switch m[1] {
		case "trigger":
			c.trigger = trigger.ID(strings.TrimSpace(m[2]))
		case "payload":
			c.payload = json.RawMessage(m[2])
		case "secrets":
			if err := json.Unmarshal([]byte(m[2]), &c.secrets); err != nil {
				t.Fatalf("%s: secrets header: %v", file, err)
			}
		}
	}
	p, ok := trigger.Lookup(string(c.trigger))
	if !ok {
		t.Fatalf("%s: no valid `// trigger:` header", file)
	}
	if c.payload == nil {
		c.payload = json.RawMessage(p.Sample)
	}
	if !json.Valid(c.payload) {
		t.Fatalf("%s: payload header is not valid JSON", file)
	}
	return c
}

func nodecompatRunNode(t *testing.T, node string, c nodecompatCase) nodecompatOutcome {
	t.Helper()
	in, err := json.Marshal(map[string]any{
		"script": c.script, "filename": filepath.Base(c.file), "trigger": c.trigger,
		"payload": c.payload, "secrets": c.secrets, "timeout": DefaultTimeout.String(),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "testdata/node-harness.js")
	cmd.Stdin = bytes.NewReader(in)
	// Hooks run in UTC at Auth0; the harness gets no other environment.
	cmd.Env = []string{"TZ=UTC", "PATH=" + os.Getenv("PATH")}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	var o nodecompatOutcome
	if err := json.Unmarshal(out, &o); err != nil {
		t.Fatalf("node harness output: %v\n%s", err, out)
	}
	return o
}

func nodecompatRunHookterm(t *testing.T, c nodecompatCase) nodecompatOutcome {
	t.Helper()
	rep, err := RunInProcess(context.Background(), Request{
		Script: c.script, Filename: filepath.Base(c.file), Trigger: c.trigger,
		Payload: c.payload, Secrets: c.secrets,
	})
	if err != nil {
		t.Fatalf("RunInProcess: %v", err)
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var o nodecompatOutcome
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// nodecompatFrames matches the "    at …" lines of stacks printed in logs: they name engine
// internals and file paths, so they cannot match between V8 and goja.
var nodecompatFrames = regexp.MustCompile(`\n *at [^\n]*`)

// nodecompatDiff lists the differences between Node's outcome and hookterm's.
func nodecompatDiff(node, hook nodecompatOutcome) []string {
	var diffs []string
	if node.OK != hook.OK {
		diffs = append(diffs, "ok: node "+boolStr(node.OK)+", hookterm "+boolStr(hook.OK))
	}
	if !nodecompatSameJSON(node.Result, hook.Result) {
		diffs = append(diffs, "result:\n  node:     "+string(node.Result)+"\n  hookterm: "+string(hook.Result))
	}
	switch {
	case (node.Error == nil) != (hook.Error == nil):
		diffs = append(diffs, "error: node "+errStr(node)+", hookterm "+errStr(hook))
	case node.Error != nil && (node.Error.Name != hook.Error.Name || node.Error.Message != hook.Error.Message):
		diffs = append(diffs, "error:\n  node:     "+errStr(node)+"\n  hookterm: "+errStr(hook))
	}
	n := len(node.Logs)
	if len(hook.Logs) > n {
		n = len(hook.Logs)
	}
	for i := 0; i < n; i++ {
		var nl, hl string
		if i < len(node.Logs) {
			nl = node.Logs[i].Level + ": " + nodecompatFrames.ReplaceAllString(node.Logs[i].Message, "")
		}
		if i < len(hook.Logs) {
			hl = hook.Logs[i].Level + ": " + nodecompatFrames.ReplaceAllString(hook.Logs[i].Message, "")
		}
		if nl != hl {
			diffs = append(diffs, "log "+itoaInt(i)+":\n  node:     "+nl+"\n  hookterm: "+hl)
		}
	}
	return diffs
}

func nodecompatSameJSON(a, b json.RawMessage) bool {
	var x, y any
	if len(a) == 0 {
		a = json.RawMessage("null")
	}
	if len(b) == 0 {
		b = json.RawMessage("null")
	}
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return reflect.DeepEqual(x, y)
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func errStr(o nodecompatOutcome) string {
	if o.Error == nil {
		return "none"
	}
	return o.Error.Name + ": " + o.Error.Message
}

func itoaInt(i int) string { return strconv.Itoa(i) }

func TestNodeCompatCorpus(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("the Node comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	if v, err := exec.Command(node, "--version").Output(); err != nil {
		t.Fatalf("node --version: %v", err)
	} else if ver := strings.TrimSpace(string(v)); !strings.HasPrefix(ver, "v20.") && !strings.HasPrefix(ver, "v22.") {
		// Auth0's last hook runtimes were Node 18 to 22; the corpus is checked against 20.
		t.Fatalf("the Node comparison needs Node.js 20 (or 22), found %s", ver)
	}
	files, err := filepath.Glob("testdata/corpus/*.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 26 {
		t.Fatalf("the corpus has %d scripts, want at least 26", len(files))
	}
	cases := make([]nodecompatCase, 0, len(files)+5)
	for _, file := range files {
		cases = append(cases, nodecompatLoad(t, file))
	}
	// The starter script of every point runs on its sample payload too.
	for _, p := range trigger.All() {
		cases = append(cases, nodecompatCase{
			name: "starter-" + string(p.ID), file: "starter-" + string(p.ID) + ".js",
			script: p.Starter, trigger: p.ID, payload: json.RawMessage(p.Sample),
		})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nodeOut := nodecompatRunNode(t, node, c)
			hookOut := nodecompatRunHookterm(t, c)
			diffs := nodecompatDiff(nodeOut, hookOut)
			if kd, ok := nodecompatKnownDifferences[c.name]; ok {
				if len(diffs) == 0 {
					if nodecompatFixableInRunner[c.name] {
						// The runner now does what Node does: the entry can go.
						t.Logf("%s now matches Node: its known-difference entry can be removed", c.name)
						return
					}
					t.Fatalf("%s now matches Node: remove it from nodecompatKnownDifferences and from runner/nodelib/README.md", c.name)
				}
				kd(t, c, nodeOut, hookOut, diffs)
				return
			}
			for _, d := range diffs {
				t.Error(d)
			}
		})
	}
}

// nodecompatFixableInRunner are known differences the runner can remove on its own (by
// using nodelib.V8MessageAt / V8JSONParseError, or a plain context.webtask.storage): when
// they disappear the test passes rather than blocking the runner's change.
var nodecompatFixableInRunner = map[string]bool{}

// nodecompatKnownDifferences are the corpus scripts goja cannot run exactly as Node does;
// each check asserts the difference is the documented one (runner/nodelib/README.md), so a
// new mismatch in these scripts still fails.
var nodecompatKnownDifferences = map[string]func(t *testing.T, c nodecompatCase, node, hook nodecompatOutcome, diffs []string){
	// goja reads \p{L} under the u flag as the letters "p{L}": the regex never matches. The
	// runner must refuse such scripts with nodelib.CheckScript; the check below keeps the
	// detector honest for this script.
	"regexp-unicode-property": func(t *testing.T, c nodecompatCase, node, hook nodecompatOutcome, diffs []string) {
		if err := nodelib.CheckScript(c.script); err == nil {
			t.Fatal("nodelib.CheckScript does not flag the \\p{…} regular expression")
		}
		if hook.Error == nil && !nodecompatSameJSON(hook.Result, json.RawMessage(`{"user":{"user_metadata":{"onlyLetters":false}}}`)) {
			t.Errorf("unexpected hookterm outcome: %v", diffs)
		}
	},
	// goja does not parse for await…of: a SyntaxError, loud.
	"for-await": func(t *testing.T, _ nodecompatCase, node, hook nodecompatOutcome, diffs []string) {
		if !node.OK || hook.Error == nil || hook.Error.Name != "SyntaxError" {
			t.Errorf("want Node to succeed and hookterm to report a SyntaxError: %v", diffs)
		}
	},
}

// nodecompatExpectResults checks a known difference in results.
func nodecompatExpectResults(t *testing.T, node, hook nodecompatOutcome, wantNode, wantHook string) {
	t.Helper()
	if !nodecompatSameJSON(node.Result, json.RawMessage(wantNode)) {
		t.Errorf("Node's result changed: %s, documented %s", node.Result, wantNode)
	}
	if !nodecompatSameJSON(hook.Result, json.RawMessage(wantHook)) {
		t.Errorf("hookterm's result changed: %s, documented %s", hook.Result, wantHook)
	}
}
