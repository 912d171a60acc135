package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// redactTestSecrets are values with every character that changes how a script prints them:
// quotes of each kind (Node's util.inspect picks single quotes, then double quotes, then
// backticks), backslashes, control characters, non-ASCII, and multi-line values long enough
// that util.inspect splits them into one quoted piece per line. Each holds runs of letters and
// digits that every printed form keeps, so that a leak in any form is found by looking for
// them (redactTestLeaks).
var redactTestSecrets = map[string]string{
	"DQ":    `Qx7k"Wm3p\Zr8v`,
	"SQ":    `Ab3d'Ef5g`,
	"BOTH":  `Hj2k'Lm4n"Pq6r`,
	"ALL":   "St8u'Vw1x\"Yz3a`Bc5d${e}",
	"CTRL":  "Fg7h\tJk9m\x01Np2q\x7fRs4t\u0085Uv6w",
	"UNI":   "Üb9cé€😀Xy7z",
	"CRLF":  "Line1aaaaaaaa\r\nLine2bbbbbbbb",
	"PEM":   "-----BEGIN PRIVATE KEY-----\nMIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMRKUMsOIK6H0SUu\n/ck9/G1l42KU+5Ksvr3fHW8tVhC1uC+IqDsg+ZwpgabZrd1FT849AFyBVOiut9As\ng1ShkMLSLcCxBWeK+snnifTt6tf37ytJYCgOHQ/6qD2TYIFbLcx4UlCzY9MFuPwv\n-----END PRIVATE KEY-----\n",
	"SHORT": "ab1", // under minRedactLen: left alone
}

// redactTestMarker finds the runs a leak would show.
var redactTestMarker = regexp.MustCompile(`[A-Za-z0-9]{4,}`)

// redactTestLeaks lists the parts of secret values (runs of 4+ letters and digits) found in
// text.
func redactTestLeaks(secrets map[string]string, text string) []string {
	var leaks []string
	for name, v := range secrets {
		if len(v) < minRedactLen {
			continue
		}
		for _, m := range redactTestMarker.FindAllString(v, -1) {
			if strings.Contains(text, m) {
				leaks = append(leaks, name+":"+m)
			}
		}
	}
	sort.Strings(leaks)
	return leaks
}

// redactTestPrints is a script body that prints the secrets in every way a hook can; the
// Node harness below prints the same list with Node's util.format.
const redactTestPrints = `
  var util = require('util');
  var out = [];
  function p() { out.push(util.format.apply(null, arguments)); }
  p('secrets:', JSON.stringify(s));
  p(s);
  p('%j', s);
  p('%o', s);
  p({ dump: JSON.stringify(s) });
  p(JSON.stringify(JSON.stringify(s)));
  p(JSON.stringify(s, null, 2));
  p(util.inspect(s, { breakLength: Infinity }));
  Object.keys(s).forEach(function (k) {
    var v = s[k];
    p(v);
    p([v]);
    p({ k: v });
    p('%s and %O', v, v);
    p(JSON.stringify(v));
    v.split('\n').forEach(function (line) { p(line); p([line]); });
  });
`

func TestRedactorMasksNodesOwnOutput(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test checks the masking against Node.js 20, which must be on PATH: %v", err)
	}
	script := "const s = JSON.parse(require('fs').readFileSync(0, 'utf8'));" + redactTestPrints + "process.stdout.write(JSON.stringify(out));"
	in, _ := json.Marshal(redactTestSecrets)
	cmd := exec.Command(node, "-e", script)
	cmd.Stdin = bytes.NewReader(in)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		t.Fatalf("node output %s: %v", raw, err)
	}
	all := strings.Join(lines, "\n")
	// The test means something: Node printed the values in escaped and split forms.
	for _, form := range []string{`Qx7k\"Wm3p\\Zr8v`, `'Qx7k"Wm3p\\Zr8v'`, `"Ab3d'Ef5g"`, "`Hj2k'Lm4n\"Pq6r`", `'St8u\'Vw1x"`, `\x01Np2q\x7FRs4t\x85Uv6w`, `' +`} {
		if !strings.Contains(all, form) {
			t.Fatalf("Node did not print %s; output:\n%s", form, all)
		}
	}
	if len(redactTestLeaks(redactTestSecrets, all)) == 0 {
		t.Fatal("the leak check finds nothing in Node's unmasked output")
	}
	d := newRedactor(redactTestSecrets)
	for _, l := range lines {
		masked := d.apply(l)
		if leaks := redactTestLeaks(redactTestSecrets, masked); len(leaks) > 0 {
			t.Errorf("Node printed\n%s\nmasked as\n%s\nleaks %v", l, masked, leaks)
		}
	}
}

func TestSecretsAreMaskedInEveryPrintedForm(t *testing.T) {
	script := "module.exports = function (u, context, cb) {\n  var s = context.webtask.secrets;" + redactTestPrints + `
  out.forEach(function (l) { console.log(l); });
  console.log(s); console.info(JSON.stringify(s)); console.dir(s);
  cb(new Error('rejected ' + JSON.stringify(s)));
};`
	req := Request{Script: script, Trigger: trigger.PostUserRegistration, Timeout: 5 * time.Second, Secrets: redactTestSecrets}
	rep, err := RunInProcess(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || len(rep.Logs) < 20 {
		t.Fatalf("report %+v", rep)
	}
	body, _ := json.Marshal(rep)
	if leaks := redactTestLeaks(redactTestSecrets, string(body)); len(leaks) > 0 {
		t.Fatalf("leaks %v in\n%s", leaks, body)
	}
	if !strings.Contains(rep.Logs[0].Message, `"DQ":"[secret DQ]"`) || !strings.Contains(rep.Error.Message, "[secret PEM]") {
		t.Fatalf("first log %q, error %q", rep.Logs[0].Message, rep.Error.Message)
	}
	// The short value is not a secret to mask.
	if !strings.Contains(rep.Logs[0].Message, `"SHORT":"ab1"`) {
		t.Fatalf("first log %q", rep.Logs[0].Message)
	}
}

func TestRedactorOverlappingSecrets(t *testing.T) {
	cases := []struct {
		secrets map[string]string
		in      string
		want    string
	}{
		// One secret inside another: the longer one is masked whole.
		{map[string]string{"A": "abcdefgh", "B": "cdef"}, "x abcdefgh cdef", "x [secret A] [secret B]"},
		// Overlapping secrets: no fragment of either is left.
		{map[string]string{"A": "xxabcd", "B": "abcdefgh"}, "<xxabcdefgh>", "<[secret A][secret B]>"},
		// A secret whose value is a word of the placeholder is not masked inside it.
		{map[string]string{"Y": "p4ssword", "X": "secret"}, "p4ssword secret", "[secret Y] [secret X]"},
		// Short values and lines are left alone.
		{map[string]string{"S": "abc", "M": "longenough1\nab\n"}, "abc ab longenough1", "abc ab [secret M]"},
		{map[string]string{"Q": `a"b\c`}, `{"Q":"a\"b\\c"}`, `{"Q":"[secret Q]"}`},
	}
	for _, c := range cases {
		if got := newRedactor(c.secrets).apply(c.in); got != c.want {
			t.Errorf("%v: %q → %q, want %q", c.secrets, c.in, got, c.want)
		}
	}
}

func TestSecretsInTheResultAreMasked(t *testing.T) {
	secrets := map[string]string{"API_KEY": `k3y"Val\ue`, "PEM": redactTestSecrets["PEM"], "OTHER": "n0tused"}
	script := `module.exports = function (user, context, cb) {
  var s = context.webtask.secrets;
  var r = { user: { user_metadata: { k: s.API_KEY, nested: { arr: [s.API_KEY, 'plain'] }, dump: JSON.stringify(s), note: 'key=' + s.API_KEY }, app_metadata: { pem: s.PEM } } };
  cb(null, r);
};`
	rep, err := RunInProcess(context.Background(), Request{Script: script, Trigger: trigger.PreUserRegistration, Timeout: 5 * time.Second, Secrets: secrets})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK {
		t.Fatalf("error %+v", rep.Error)
	}
	var res struct {
		User struct {
			UserMetadata map[string]any `json:"user_metadata"`
			AppMetadata  map[string]any `json:"app_metadata"`
		} `json:"user"`
	}
	if err := json.Unmarshal(rep.Result, &res); err != nil {
		t.Fatalf("result %s is not JSON: %v", rep.Result, err)
	}
	um := res.User.UserMetadata
	if um["k"] != "[secret API_KEY]" || um["note"] != "key=[secret API_KEY]" || res.User.AppMetadata["pem"] != "[secret PEM]" {
		t.Fatalf("result %s", rep.Result)
	}
	if arr := um["nested"].(map[string]any)["arr"].([]any); arr[0] != "[secret API_KEY]" || arr[1] != "plain" {
		t.Fatalf("result %s", rep.Result)
	}
	a := rep.Applied
	if a == nil || a.UserMetadata["k"] != "[secret API_KEY]" || a.AppMetadata["pem"] != "[secret PEM]" {
		t.Fatalf("applied %+v", a)
	}
	// The counts come from the real result.
	if !strings.HasPrefix(a.Summary, "the new user gets 4 user_metadata keys and 1 app_metadata key") {
		t.Fatalf("summary %q", a.Summary)
	}
	body, _ := json.Marshal(rep)
	if leaks := redactTestLeaks(secrets, string(body)); len(leaks) > 0 {
		t.Fatalf("leaks %v in %s", leaks, body)
	}
	var warned []string
	for _, l := range rep.Logs {
		if l.Level == "warn" && strings.Contains(l.Message, "the result contains the value of secret") {
			warned = append(warned, l.Message)
		}
	}
	// dump holds every secret, OTHER included; one warning per secret, by name.
	if len(warned) != 3 || !strings.Contains(warned[0], "secret API_KEY") || !strings.Contains(warned[1], "secret OTHER") || !strings.Contains(warned[2], "secret PEM") {
		t.Fatalf("warnings %q", warned)
	}

	// credentials-exchange: claims and scopes too, keys included.
	rep = runnerTestRun(t, trigger.CredentialsExchange, `module.exports = function (client, scope, audience, context, cb) {
  var k = context.webtask.secrets.API_KEY;
  var at = { scope: ['read:' + k, 'ok'] };
  at['https://example.com/key'] = k;
  at['https://example.com/' + k] = 1;
  at[k] = 2;
  cb(null, at);
};`, "")
	body, _ = json.Marshal(rep)
	if strings.Contains(string(body), "s3cr3t") {
		t.Fatalf("leak in %s", body)
	}
	a = rep.Applied
	if a.ClaimsKept["https://example.com/key"] != "[secret API_KEY]" || a.ClaimsKept["https://example.com/[secret API_KEY]"] != 1.0 ||
		a.Scope[0] != "read:[secret API_KEY]" || a.ClaimsIgnored[0] != "[secret API_KEY]" {
		t.Fatalf("applied %+v", a)
	}
	if !strings.Contains(a.Summary, "2 claims added; 1 property ignored") {
		t.Fatalf("summary %q", a.Summary)
	}
}

func TestResultWithoutSecretsIsUnchanged(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { cb(null, { a: 'x\"y', b: [1, 2] }); };", "")
	if string(rep.Result) != `{"a":"x\"y","b":[1,2]}` {
		t.Fatalf("result %s", rep.Result)
	}
	for _, l := range rep.Logs {
		if strings.Contains(l.Message, "contains the value of secret") {
			t.Fatalf("log %q", l.Message)
		}
	}
}

// The Pool is what the CLI and the TUI use: the report that crosses the worker protocol is
// already masked.
func TestPoolReportsAreMasked(t *testing.T) {
	p := runnerTestPool(t, 1)
	script := `module.exports = function (user, context, cb) {
  var s = context.webtask.secrets;
  console.log('secrets:', JSON.stringify(s)); console.log(s);
  cb(null, { user: { user_metadata: { k: s.PEM } } });
};`
	secrets := map[string]string{"DB_PASSWORD": `p4ss"w0rd\x`, "PEM": redactTestSecrets["PEM"]}
	rep, err := p.Run(context.Background(), Request{Script: script, Trigger: trigger.PreUserRegistration, Timeout: 5 * time.Second, Secrets: secrets})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(rep)
	if leaks := redactTestLeaks(secrets, string(body)); len(leaks) > 0 || !rep.OK {
		t.Fatalf("leaks %v in %s", leaks, body)
	}
	if rep.Logs[0].Message != `secrets: {"DB_PASSWORD":"[secret DB_PASSWORD]","PEM":"[secret PEM]"}` {
		t.Fatalf("log %q", rep.Logs[0].Message)
	}
}

// util.inspect prints only the first 10,000 characters of a longer string: that prefix is
// masked too, for a single-line value and for a multi-line one cut inside a line.
func TestLongSecretsCutByInspectAreMasked(t *testing.T) {
	var one, multi strings.Builder
	for i := 0; one.Len() < 12000; i++ {
		one.WriteString("w" + strings.Repeat("0", 5-len(itoaInt(i))) + itoaInt(i) + "-")
	}
	for i := 0; multi.Len() < 12000; i++ {
		multi.WriteString("m" + strings.Repeat("0", 5-len(itoaInt(i))) + itoaInt(i) + "abc\n")
	}
	secrets := map[string]string{"ONE": one.String(), "MULTI": multi.String()}
	rep, err := RunInProcess(context.Background(), Request{Trigger: trigger.PostUserRegistration, Timeout: 5 * time.Second, Secrets: secrets,
		Script: "module.exports = function (u, context, cb) { console.log(context.webtask.secrets); console.log([context.webtask.secrets.MULTI]); cb(); };"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(rep)
	if !strings.Contains(string(body), "more characters") {
		t.Fatalf("inspect did not cut the strings: %.300s", body)
	}
	if leaks := redactTestLeaks(secrets, string(body)); len(leaks) > 0 {
		t.Fatalf("%d leaks, first %v", len(leaks), leaks[:min(5, len(leaks))])
	}
}

// Secrets are Go strings read from files and flags: not always valid UTF-8 (a Latin-1 .env)
// and possibly holding U+FFFD. A run with such secrets must work, and mask them.
func TestRedactSecretsThatAreNotValidUTF8(t *testing.T) {
	secrets := map[string]string{"LATIN1": "p\xe4ssword", "FFFD": "lone\uFFFDsur", "CUT": "abc\xef\xbf"}
	for name, v := range secrets {
		rep, err := RunInProcess(context.Background(), Request{
			Script:  "module.exports = function (u, c, cb) { console.log('v=' + c.webtask.secrets." + name + "); cb(null, {}); };",
			Trigger: trigger.PostUserRegistration, Secrets: map[string]string{name: v}, Timeout: 5 * time.Second,
		})
		if err != nil || !rep.OK {
			t.Fatalf("%s: run failed: %v %+v", name, err, rep)
		}
		if len(rep.Logs) != 1 || rep.Logs[0].Message != "v=[secret "+name+"]" {
			t.Errorf("%s: logs %+v", name, rep.Logs)
		}
	}
}

// An error's name is the script's to set, and is shown everywhere the message is.
func TestRedactErrorName(t *testing.T) {
	rep, err := RunInProcess(context.Background(), Request{
		Script:  "module.exports = function (u, c, cb) { const e = new Error('m'); e.name = 'Name' + c.webtask.secrets.K; cb(e); };",
		Trigger: trigger.PreUserRegistration, Secrets: map[string]string{"K": "hunter2pass"}, Timeout: 5 * time.Second,
	})
	if err != nil || rep.OK || rep.Error == nil {
		t.Fatalf("want a failed run: %v %+v", err, rep)
	}
	if rep.Error.Name != "Name[secret K]" || strings.Contains(rep.Error.Stack, "hunter2pass") {
		t.Errorf("error %+v", rep.Error)
	}
}
