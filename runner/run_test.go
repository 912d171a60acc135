package runner

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// runnerTestRun runs script in-process for point with the point's sample payload (or payload
// when given) and a short time limit.
func runnerTestRun(t *testing.T, point trigger.ID, script string, payload string) *Report {
	t.Helper()
	req := Request{Script: script, Trigger: point, Timeout: 300 * time.Millisecond, Secrets: map[string]string{"API_KEY": "s3cr3t"}}
	if payload != "" {
		req.Payload = json.RawMessage(payload)
	}
	rep, err := RunInProcess(context.Background(), req)
	if err != nil {
		t.Fatalf("RunInProcess: %v", err)
	}
	return rep
}

func runnerTestResult(t *testing.T, rep *Report) map[string]any {
	t.Helper()
	if !rep.OK {
		t.Fatalf("run failed: %+v", rep.Error)
	}
	var m map[string]any
	if err := json.Unmarshal(rep.Result, &m); err != nil {
		t.Fatalf("result %s: %v", rep.Result, err)
	}
	return m
}

func TestScriptForms(t *testing.T) {
	forms := map[string]string{
		"module.exports":       "module.exports = function (user, context, cb) { cb(null, { form: 'exports' }); };",
		"async function":       "module.exports = async function (user, context, cb) { await null; cb(null, { form: 'async' }); };",
		"return function":      "return function (user, context, cb) { cb(null, { form: 'return' }); };",
		"bare function":        "/* a comment first */\nfunction (user, context, cb) {\n  cb(null, { form: 'bare' });\n}",
		"bare async function":  "async function (user, context, cb) { cb(null, { form: 'bare-async' }); }",
		"exports via module":   "function hook(user, context, cb) { cb(null, { form: 'named' }); }\nmodule.exports = hook;",
		"arrow function":       "module.exports = (user, context, cb) => cb(null, { form: 'arrow' });",
		"exports with helpers": "const helper = () => 'helper';\nmodule.exports = function (u, c, cb) { cb(null, { form: helper() }); };",
	}
	want := map[string]string{
		"module.exports": "exports", "async function": "async", "return function": "return", "bare function": "bare",
		"bare async function": "bare-async", "exports via module": "named", "arrow function": "arrow", "exports with helpers": "helper",
	}
	for name, script := range forms {
		t.Run(name, func(t *testing.T) {
			rep := runnerTestRun(t, trigger.PostUserRegistration, script, "")
			if got := runnerTestResult(t, rep)["form"]; got != want[name] {
				t.Fatalf("form = %v, want %s", got, want[name])
			}
		})
	}
}

func TestScriptMustExportAFunction(t *testing.T) {
	for _, script := range []string{"module.exports = 42;", "var x = 1;", ""} {
		rep := runnerTestRun(t, trigger.PostUserRegistration, script, "")
		if rep.OK || rep.Error.Kind != KindExport || rep.Error.Message != "Supplied code must return or export a function." {
			t.Fatalf("%q: got %+v", script, rep.Error)
		}
	}
}

func TestArgumentsPerPoint(t *testing.T) {
	cases := []struct {
		point  trigger.ID
		script string
		want   map[string]any
	}{
		{trigger.CredentialsExchange,
			"module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope, n: client.name, a: audience, wt: typeof context.webtask, len: arguments.length }); };",
			map[string]any{"scope": []any{"read:connections"}, "n": "client-name", "a": "https://my-tenant.auth0.com/api/v2/", "wt": "object", "len": 5.0}},
		{trigger.PreUserRegistration,
			"module.exports = function (user, context, cb) { cb(null, { u: user.username, c: context.connection.name, lang: context.requestLanguage }); };",
			map[string]any{"u": "user1", "c": "Username-Password-Authentication", "lang": "en-us"}},
		{trigger.PostChangePassword,
			"module.exports = function (user, context, cb) { cb(null, { id: user.id, t: context.connection.tenant }); };",
			map[string]any{"id": "abc123", "t": "my-tenant"}},
		{trigger.SendPhoneMessage,
			"module.exports = function (recipient, text, context, cb) { cb(null, { r: recipient, code: context.code, text: text }); };",
			map[string]any{"r": "1-808-555-5555", "code": "123456", "text": "Here is your one time password: 999111"}},
	}
	for _, c := range cases {
		t.Run(string(c.point), func(t *testing.T) {
			got := runnerTestResult(t, runnerTestRun(t, c.point, c.script, ""))
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestWebtaskContext(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  var wt = context.webtask;
  wt.storage.set({ n: 1 }, function (err) {
    wt.storage.get(function (err, data) {
      cb(null, { secret: wt.secrets.API_KEY, data: wt.data.API_KEY, body: wt.body.user.username, stored: data.n,
        fields: ['meta', 'query', 'headers', 'params', 'id'].every(function (k) { return k in wt; }) });
    });
  });
};`
	got := runnerTestResult(t, runnerTestRun(t, trigger.PreUserRegistration, script, ""))
	// The result shows secret values masked (runner/redact.go).
	want := map[string]any{"secret": "[secret API_KEY]", "data": "[secret API_KEY]", "body": "user1", "stored": 1.0, "fields": true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestErrorClassesInScope(t *testing.T) {
	cases := []struct {
		point           trigger.ID
		class           string
		friendly        string
		notInScopeClass string
	}{
		{trigger.CredentialsExchange, "InvalidScopeError", "", "PreUserRegistrationError"},
		{trigger.CredentialsExchange, "InvalidRequestError", "", "SendPhoneMessageError"},
		{trigger.CredentialsExchange, "ServerError", "", "PreUserRegistrationError"},
		{trigger.PreUserRegistration, "PreUserRegistrationError", "Sorry", "InvalidScopeError"},
		{trigger.PostUserRegistration, "PreUserRegistrationError", "Sorry", "ServerError"},
		{trigger.SendPhoneMessage, "SendPhoneMessageError", "Sorry", "PreUserRegistrationError"},
	}
	for _, c := range cases {
		t.Run(string(c.point)+"/"+c.class, func(t *testing.T) {
			args := strings.Join(append(runnerTestPoint(t, c.point).Args, "cb"), ", ")
			script := "module.exports = function (" + args + ") {\n  cb(new " + c.class + "('denied', 'Sorry'));\n};"
			rep := runnerTestRun(t, c.point, script, "")
			e := rep.Error
			if rep.OK || e.Name != c.class || e.Message != "denied" || e.FriendlyMessage != c.friendly || e.Line != 2 || e.Column != 6 {
				t.Fatalf("got %+v", e)
			}
			script = "module.exports = function (" + args + ") { cb(null, { t: typeof " + c.notInScopeClass + " }); };"
			if got := runnerTestResult(t, runnerTestRun(t, c.point, script, ""))["t"]; got != "undefined" {
				t.Fatalf("%s is in scope for %s", c.notInScopeClass, c.point)
			}
		})
	}
}

func TestFriendlyMessageDefaultsToMessage(t *testing.T) {
	rep := runnerTestRun(t, trigger.PreUserRegistration, "module.exports = function (u, c, cb) { cb(new PreUserRegistrationError('no')); };", "")
	if rep.Error == nil || rep.Error.FriendlyMessage != "no" {
		t.Fatalf("got %+v", rep.Error)
	}
}

func TestCallbackRules(t *testing.T) {
	t.Run("first call wins, later calls warn", func(t *testing.T) {
		rep := runnerTestRun(t, trigger.CredentialsExchange, "module.exports = function (c, s, a, ctx, cb) { cb(null, { n: 1 }); cb(null, { n: 2 }); };", "")
		if got := runnerTestResult(t, rep)["n"]; got != 1.0 {
			t.Fatalf("n = %v", got)
		}
		if len(rep.Logs) != 1 || rep.Logs[0].Level != "warn" || !strings.Contains(rep.Logs[0].Message, "called again") {
			t.Fatalf("logs %+v", rep.Logs)
		}
	})
	t.Run("synchronous throw", func(t *testing.T) {
		// goja places a failed call at its opening parenthesis (Node at the callee).
		rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) {\n  undefinedFunction();\n};", "")
		if rep.OK || rep.Error.Name != "ReferenceError" || rep.Error.Line != 2 || rep.Error.Column != 20 || rep.Error.Kind != KindRuntime {
			t.Fatalf("got %+v", rep.Error)
		}
		if !strings.Contains(rep.Error.Stack, "hook.js:2:20") {
			t.Fatalf("stack %q", rep.Error.Stack)
		}
	})
	t.Run("rejected promise", func(t *testing.T) {
		rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = async function (u, c, cb) {\n  await Promise.resolve();\n  throw new TypeError('late');\n};", "")
		if rep.OK || rep.Error.Name != "TypeError" || rep.Error.Message != "late" || rep.Error.Line != 3 {
			t.Fatalf("got %+v", rep.Error)
		}
	})
	t.Run("non-error value", func(t *testing.T) {
		rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { cb('plain string'); };", "")
		if rep.OK || rep.Error.Name != "Error" || rep.Error.Message != "plain string" {
			t.Fatalf("got %+v", rep.Error)
		}
		rep = runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { cb({ message: 'from object' }); };", "")
		if rep.OK || rep.Error.Message != "from object" {
			t.Fatalf("got %+v", rep.Error)
		}
	})
	t.Run("result not serialisable", func(t *testing.T) {
		for _, expr := range []string{"(function () { var o = {}; o.self = o; return o; })()", "{ n: 10n }"} {
			rep := runnerTestRun(t, trigger.CredentialsExchange, "module.exports = function (c, s, a, ctx, cb) { cb(null, "+expr+"); };", "")
			if rep.OK || rep.Error.Kind != KindCallback || rep.Error.Message != "Error when JSON serializing the result of the extension point" {
				t.Fatalf("%s: got %+v", expr, rep.Error)
			}
		}
	})
	t.Run("user-registration replaces a missing result with {}", func(t *testing.T) {
		rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { cb(); };", "")
		if !rep.OK || string(rep.Result) != "{}" {
			t.Fatalf("got %s %+v", rep.Result, rep.Error)
		}
		rep = runnerTestRun(t, trigger.CredentialsExchange, "module.exports = function (c, s, a, ctx, cb) { cb(); };", "")
		if !rep.OK || string(rep.Result) != "null" {
			t.Fatalf("got %s %+v", rep.Result, rep.Error)
		}
	})
	t.Run("error after the callback is a warning", func(t *testing.T) {
		rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { cb(null, {}); throw new Error('after'); };", "")
		if !rep.OK || len(rep.Logs) != 1 || rep.Logs[0].Level != "warn" || !strings.HasPrefix(rep.Logs[0].Message, "Uncaught Error after the callback: after") {
			t.Fatalf("got %+v logs %+v", rep.Error, rep.Logs)
		}
	})
}

func TestSyntaxErrorsPointIntoTheScript(t *testing.T) {
	cases := []struct {
		script       string
		line, column int
	}{
		{"var x = ;", 1, 9},
		{"module.exports = function (u, c, cb) {\n  var x = ;\n};", 2, 11},
		{"module.exports = function (u, c, cb) {\n  cb(null, {});\n", 3, 1},
	}
	for _, c := range cases {
		rep := runnerTestRun(t, trigger.PostUserRegistration, c.script, "")
		if rep.OK || rep.Error.Kind != KindSyntax || rep.Error.Name != "SyntaxError" || rep.Error.Line != c.line || rep.Error.Column != c.column {
			t.Fatalf("%q: got %+v, want %d:%d", c.script, rep.Error, c.line, c.column)
		}
	}
}

func TestRuntimeErrorOnFirstLineHasUserColumn(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { throw new Error('x'); };", "")
	if rep.Error == nil || rep.Error.Line != 1 || rep.Error.Column != 46 || !strings.Contains(rep.Error.Stack, "hook.js:1:46") {
		t.Fatalf("got %+v", rep.Error)
	}
}

func TestPayloadValidation(t *testing.T) {
	cases := []struct {
		point   trigger.ID
		payload string
		message string
	}{
		{trigger.CredentialsExchange, `"text"`, "Body received by extensibility point is not an object"},
		// typeof [] is "object": the compiler lets an array body through to the next check.
		{trigger.CredentialsExchange, `[1]`, "Body .client received by extensibility point is not an object"},
		{trigger.PreUserRegistration, `{"user":{},"context":null}`, "Body.context received by extensibility point is not an object"},
		{trigger.CredentialsExchange, `{"audience":"a"}`, "Body .client received by extensibility point is not an object"},
		{trigger.CredentialsExchange, `{"client":{},"scope":"read","audience":"a"}`, "Body .scope received by extensibility point is neither empty nor an array"},
		{trigger.CredentialsExchange, `{"client":{},"scope":["x"],"audience":1}`, "Body .audience received by extensibility point is not a string"},
		{trigger.PreUserRegistration, `{"context":{"connection":{}}}`, "Body.user received by extensibility point is not an object"},
		{trigger.PostUserRegistration, `{"user":{}}`, "Body.context received by extensibility point is not an object"},
		{trigger.PostChangePassword, `{"user":{},"context":{}}`, "Body.context.connection received by extensibility point is not an object"},
		{trigger.SendPhoneMessage, `{"recipient":1}`, "Body.recipient received by extensibility point is not a string"},
		{trigger.SendPhoneMessage, `{"recipient":"1","text":"t","context":{"message_type":"fax"}}`, "Body.context.message_type received by extensibility point is not `sms` or `voice`"},
		{trigger.SendPhoneMessage, `{"recipient":"1","text":"t","context":{"message_type":"sms","action":"x"}}`, "Body.context.action received by extensibility point is not `enrollment` or `second-factor-authentication`"},
		{trigger.SendPhoneMessage, `{"recipient":"1","text":"t","context":{"message_type":"sms","action":"enrollment","language":"en","code":"1","ip":"i","user_agent":"u","client":{"client_id":"c","name":"n"}}}`, "Body.context.client.client_metadata received by extensibility point is not an object"},
		{trigger.SendPhoneMessage, `{"recipient":"1","text":"t","context":{"message_type":"voice","action":"enrollment","language":"en","code":"1","ip":"i","user_agent":"u"}}`, "Body.context.user received by extensibility point is not an object"},
	}
	for _, c := range cases {
		_, err := RunInProcess(context.Background(), Request{Script: "module.exports = function () {};", Trigger: c.point, Payload: json.RawMessage(c.payload)})
		var perr *PayloadError
		if !errors.As(err, &perr) || perr.Message != c.message || perr.Trigger != c.point {
			t.Fatalf("%s %s: got %v, want %q", c.point, c.payload, err, c.message)
		}
	}
	// Without a scope the exchange is valid (scope may be empty).
	rep := runnerTestRun(t, trigger.CredentialsExchange, "module.exports = function (c, s, a, ctx, cb) { cb(null, { s: typeof s }); };", `{"client":{},"audience":"a"}`)
	if got := runnerTestResult(t, rep)["s"]; got != "undefined" {
		t.Fatalf("scope = %v", got)
	}
}

func TestUnknownTrigger(t *testing.T) {
	_, err := RunInProcess(context.Background(), Request{Script: "module.exports = function () {};", Trigger: "rules"})
	if err == nil || !strings.Contains(err.Error(), "credentials-exchange") {
		t.Fatalf("got %v", err)
	}
}

func TestAppliedCredentialsExchange(t *testing.T) {
	script := `module.exports = function (client, scope, audience, context, cb) {
  var at = { scope: scope.concat(['read:resource']) };
  at['https://example.com/plan'] = client.metadata.plan;
  at['https://tenant.auth0.com/x'] = 1;
  at['http://sub.webtask.io/y'] = 2;
  at.plain = 3;
  cb(null, at);
};`
	a := runnerTestRun(t, trigger.CredentialsExchange, script, "").Applied
	if a == nil || !reflect.DeepEqual(a.Scope, []string{"read:connections", "read:resource"}) || a.ScopeDropped {
		t.Fatalf("applied %+v", a)
	}
	if !reflect.DeepEqual(a.ClaimsKept, map[string]any{"https://example.com/plan": "full"}) {
		t.Fatalf("kept %v", a.ClaimsKept)
	}
	if !reflect.DeepEqual(a.ClaimsIgnored, []string{"http://sub.webtask.io/y", "https://tenant.auth0.com/x", "plain"}) {
		t.Fatalf("ignored %v", a.ClaimsIgnored)
	}
	a = runnerTestRun(t, trigger.CredentialsExchange, "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };", "").Applied
	if a == nil || !a.ScopeDropped || !strings.Contains(a.Summary, "dropped") {
		t.Fatalf("applied %+v", a)
	}
}

func TestAppliedPreUserRegistration(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  cb(null, { user: { user_metadata: { hobby: 'x', 'a.b': 1 }, app_metadata: { $plan: 'p', ok: { 'x.y': 2 } }, email: 'e' }, other: 1 });
};`
	a := runnerTestRun(t, trigger.PreUserRegistration, script, "").Applied
	if a == nil {
		t.Fatal("no applied")
	}
	if !reflect.DeepEqual(a.InvalidKeys, []string{"app_metadata.$plan", "app_metadata.ok.x.y", "user_metadata.a.b"}) {
		t.Fatalf("invalid keys %v", a.InvalidKeys)
	}
	if a.UserMetadata["hobby"] != "x" || a.AppMetadata["$plan"] != "p" {
		t.Fatalf("metadata %v %v", a.UserMetadata, a.AppMetadata)
	}
	if !reflect.DeepEqual(a.Ignored, []string{"other", "user.email"}) {
		t.Fatalf("ignored %v", a.Ignored)
	}
	// Points whose result Auth0 ignores say so, and apply nothing.
	ignored := map[trigger.ID]string{
		trigger.PostUserRegistration: "nothing: post-user-registration hooks run asynchronously and Auth0 ignores their result",
		trigger.PostChangePassword:   "nothing: post-change-password hooks run asynchronously and Auth0 ignores their result",
		trigger.SendPhoneMessage:     "nothing from the result: the hook sends the message itself",
	}
	for id, summary := range ignored {
		rep := runnerTestRun(t, id, "module.exports = function () { arguments[arguments.length - 1](null, { a: 1 }); };", "")
		if want := (&Applied{Summary: summary}); rep.Applied == nil || !reflect.DeepEqual(*rep.Applied, *want) {
			t.Fatalf("%s applied %+v, want only the summary %q", id, rep.Applied, summary)
		}
	}
}

func TestConsoleLevels(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  console.log('log', 1); console.info('info'); console.warn('warn'); console.error('error'); console.debug('debug');
  cb();
};`, "")
	var got []string
	for _, l := range rep.Logs {
		got = append(got, l.Level+":"+l.Message)
		if l.Time.IsZero() {
			t.Fatalf("log without time: %+v", l)
		}
	}
	want := []string{"log:log 1", "info:info", "warn:warn", "error:error", "debug:debug"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func runnerTestPoint(t *testing.T, id trigger.ID) trigger.Point {
	t.Helper()
	p, ok := trigger.Lookup(string(id))
	if !ok {
		t.Fatalf("no point %s", id)
	}
	return p
}

func TestConsoleFormatsLikeNode(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  console.log({ a: 1, b: [1, 2], s: 'str' }, 'plain', 42);
  console.info('%s has %d items', 'cart', 3);
  cb();
};`, "")
	want := []string{"{ a: 1, b: [ 1, 2 ], s: 'str' } plain 42", "cart has 3 items"}
	if len(rep.Logs) != 2 || rep.Logs[0].Message != want[0] || rep.Logs[1].Message != want[1] {
		t.Fatalf("logs %+v", rep.Logs)
	}
}

func TestNodeBuiltinsAreAvailable(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  var refused = '';
  try { require('fs'); } catch (e) { refused = e.message; }
  cb(null, { fs: refused.indexOf('fs') >= 0, env: Object.keys(process.env).length,
    hash: require('crypto').createHash('sha256').update('x').digest('hex').slice(0, 8) });
};`, "")
	got := runnerTestResult(t, rep)
	if got["fs"] != true || got["env"] != 0.0 || got["hash"] != "2d711642" {
		t.Fatalf("got %v", got)
	}
}

func TestTimersAndMicrotasksOrder(t *testing.T) {
	// The callback runs once both the 10 ms timeout and the second interval tick have run, so
	// the outcome does not depend on how fast the machine is.
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  var order = [], pending = 2;
  function done() { if (--pending === 0) setImmediate(function () { cb(null, { order: order }); }); }
  setTimeout(function () { order.push('timeout 10'); done(); }, 10);
  setTimeout(function (a, b) { order.push('timeout 0 ' + a + b); }, 0, 'x', 'y');
  setImmediate(function () { order.push('immediate'); });
  Promise.resolve().then(function () { order.push('promise'); });
  queueMicrotask(function () { order.push('microtask'); });
  var t = setTimeout(function () { order.push('cleared'); }, 5);
  clearTimeout(t);
  var n = 0;
  var iv = setInterval(function () { order.push('interval ' + (++n)); if (n === 2) { clearInterval(iv); done(); } }, 1);
  order.push('sync');
};`, "")
	got := runnerTestResult(t, rep)["order"].([]any)
	var s []string
	for _, x := range got {
		s = append(s, x.(string))
	}
	joined := strings.Join(s, ",")
	index := func(item string) int {
		for i, x := range s {
			if x == item {
				return i
			}
		}
		return -1
	}
	if !strings.HasPrefix(joined, "sync,promise,microtask,") || index("cleared") >= 0 || index("interval 3") >= 0 ||
		index("interval 2") < 0 || index("immediate") < 0 || index("timeout 0 xy") < 0 ||
		index("timeout 0 xy") > index("timeout 10") || index("interval 1") > index("interval 2") {
		t.Fatalf("order %s", joined)
	}
}

func TestErrorsInTimersReachTheReport(t *testing.T) {
	cases := map[string]string{
		"setTimeout":     "setTimeout(function () {\n    throw new RangeError('in timer');\n  }, 1);",
		"setImmediate":   "setImmediate(function () {\n    throw new RangeError('in timer');\n  });",
		"setInterval":    "var i = setInterval(function () {\n    throw new RangeError('in timer');\n  }, 1);",
		"queueMicrotask": "queueMicrotask(function () {\n    throw new RangeError('in timer');\n  });",
		"promise":        "Promise.resolve().then(function () {\n    throw new RangeError('in timer');\n  });",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) {\n  "+body+"\n};", "")
			if rep.OK || rep.Error.Name != "RangeError" || rep.Error.Message != "in timer" || rep.Error.Line != 3 {
				t.Fatalf("got %+v", rep.Error)
			}
		})
	}
}

func TestSecretsAreRedactedFromLogsAndErrors(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, context, cb) {
  var key = context.webtask.secrets.API_KEY;
  console.log('calling with', key);
  cb(new Error('rejected key ' + key));
};`, "")
	if rep.OK || strings.Contains(rep.Error.Message, "s3cr3t") || rep.Error.Message != "rejected key [secret API_KEY]" {
		t.Fatalf("error %+v", rep.Error)
	}
	if len(rep.Logs) != 1 || rep.Logs[0].Message != "calling with [secret API_KEY]" {
		t.Fatalf("logs %+v", rep.Logs)
	}
	if strings.Contains(rep.Error.Stack, "s3cr3t") {
		t.Fatalf("stack %q", rep.Error.Stack)
	}
}

func TestUnsupportedConstructsAreRefused(t *testing.T) {
	script := "module.exports = function (u, c, cb) {\n  cb(null, { ok: /\\p{L}+/u.test('abc') });\n};"
	rep := runnerTestRun(t, trigger.PostUserRegistration, script, "")
	if rep.OK || rep.Error.Kind != KindSyntax || rep.Error.Line != 2 || rep.Error.Column == 0 || !strings.Contains(rep.Error.Message, `\p{`) {
		t.Fatalf("got %+v", rep.Error)
	}
	if e := CheckSyntax(script); e == nil || e.Line != 2 {
		t.Fatalf("CheckSyntax: %+v", e)
	}
}

func TestConsoleDirAndLocale(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  cb(null, { n: (1234.5).toLocaleString() });
};`, "")
	if got := runnerTestResult(t, rep)["n"]; got != "1,234.5" {
		t.Fatalf("toLocaleString: %v", got)
	}
	if len(rep.Logs) != 1 || rep.Logs[0].Message != "{ a: [Object] }" {
		t.Fatalf("logs %+v", rep.Logs)
	}
}

func TestTimerObjects(t *testing.T) {
	rep := runnerTestRun(t, trigger.PostUserRegistration, `module.exports = function (u, c, cb) {
  var t = setTimeout(function () {}, 1000);
  var out = { hasRef: t.hasRef(), id: typeof +t, chain: t.unref() === t };
  out.unref = t.hasRef();
  clearTimeout(+t); // by id, as Node allows
  setImmediate(function () { cb(null, out); });
};`, "")
	got := runnerTestResult(t, rep)
	want := map[string]any{"hasRef": true, "id": "number", "chain": true, "unref": false}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
	// An unref'd timer still fires, as it did in Auth0's long-lived server, and may call back;
	// an unref'd interval that never does holds the run until its time limit.
	rep = runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { setTimeout(function () { cb(null, { late: true }); }, 5).unref(); };", "")
	if got := runnerTestResult(t, rep); got["late"] != true {
		t.Fatalf("got %v", got)
	}
	rep = runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function () { setInterval(function () {}, 1).unref(); };", "")
	if rep.OK || rep.Error.Kind != KindTimeout || strings.Contains(rep.Error.Message, "never called") {
		t.Fatalf("got %+v", rep.Error)
	}
	// AbortSignal.timeout's timer is an unref'd one (as in Node).
	rep = runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { AbortSignal.timeout(5).addEventListener('abort', () => cb(null, { aborted: true })); };", "")
	if got := runnerTestResult(t, rep); got["aborted"] != true {
		t.Fatalf("got %v", got)
	}
	rep = runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function () { setTimeout('not a function', 1); };", "")
	if rep.OK || rep.Error.Name != "TypeError" || !strings.Contains(rep.Error.Message, "callback") {
		t.Fatalf("got %+v", rep.Error)
	}
}

// Positions seen by the script itself (err.stack) are the user's too, line 1 included.
func TestErrStackInsideTheScriptHasUserPositions(t *testing.T) {
	script := "module.exports = function (u, c, cb) { cb(null, { stack: new Error('x').stack }); };"
	got := runnerTestResult(t, runnerTestRun(t, trigger.PostUserRegistration, script, ""))
	col := strings.Index(script, "new Error") + 1
	if stack, _ := got["stack"].(string); !strings.Contains(stack, "hook.js:1:"+strconv.Itoa(col)) {
		t.Fatalf("stack %q, want hook.js:1:%d", got["stack"], col)
	}
}

func TestFilenamesWithSpaces(t *testing.T) {
	rep, err := RunInProcess(context.Background(), Request{
		Script: "module.exports = function (u, c, cb) {\n  cb(new Error('x'));\n};", Filename: "My Hook.js",
		Trigger: trigger.PostUserRegistration, Timeout: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Error == nil || rep.Error.Line != 2 || rep.Error.Column != 6 || !strings.Contains(rep.Error.Stack, "My Hook.js:2:6") {
		t.Fatalf("got %+v", rep.Error)
	}
}
