package runner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

func TestPluralEnglish(t *testing.T) {
	cases := map[string]string{
		plural(1, "user_metadata key"):    "1 user_metadata key",
		plural(2, "user_metadata key"):    "2 user_metadata keys",
		plural(4, "invalid metadata key"): "4 invalid metadata keys",
		plural(0, "claim"):                "0 claims",
		plural(3, "property"):             "3 properties",
		plural(2, "day"):                  "2 days",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestAppliedCountsOnlyValidMetadataKeys(t *testing.T) {
	rep := runnerTestRun(t, trigger.PreUserRegistration, `module.exports = function (user, context, cb) {
  cb(null, { user: { user_metadata: { $x: 2, 'a.b': 1, c: 3, d: { 'e.f': 1 } }, app_metadata: { $only: 1 } } });
};`, "")
	a := rep.Applied
	if a == nil {
		t.Fatal("no applied")
	}
	// c and d are kept (d holds an invalid key, listed apart); $x and a.b are not.
	want := "the new user gets 2 user_metadata keys and 0 app_metadata keys; 4 invalid metadata keys (names must not contain '.' or start with '$'): app_metadata.$only, user_metadata.$x, user_metadata.a.b, user_metadata.d.e.f"
	if a.Summary != want {
		t.Fatalf("summary\n got %q\nwant %q", a.Summary, want)
	}
	if strings.Contains(a.Summary, "keies") {
		t.Fatalf("summary %q", a.Summary)
	}
	rep = runnerTestRun(t, trigger.PreUserRegistration, `module.exports = function (user, context, cb) {
  cb(null, { user: { user_metadata: { one: 1 } }, a: 1, b: 2 });
};`, "")
	if want := "the new user gets 1 user_metadata key; 2 properties ignored (only user.user_metadata and user.app_metadata are used)"; rep.Applied.Summary != want {
		t.Fatalf("summary %q", rep.Applied.Summary)
	}
}

func TestAppliedScopeItemsShownAsJavaScript(t *testing.T) {
	rep := runnerTestRun(t, trigger.CredentialsExchange, `module.exports = function (client, scope, audience, context, cb) {
  cb(null, { scope: [1, null, 'ok', {}, [2], true, undefined, { a: 'x' }] });
};`, "")
	a := rep.Applied
	if a == nil || !reflect.DeepEqual(a.Scope, []string{"ok"}) {
		t.Fatalf("applied %+v", a)
	}
	// JSON.stringify turns undefined in an array into null: Auth0 got null.
	want := []string{
		"scope item 1 (not a string)", "scope item null (not a string)", "scope item {} (not a string)",
		"scope item [2] (not a string)", "scope item true (not a string)", "scope item null (not a string)",
		`scope item {"a":"x"} (not a string)`,
	}
	if !reflect.DeepEqual(a.Ignored, want) {
		t.Fatalf("ignored\n got %q\nwant %q", a.Ignored, want)
	}
	for _, s := range a.Ignored {
		if strings.Contains(s, "<nil>") || strings.Contains(s, "map[") {
			t.Fatalf("Go rendering in %q", s)
		}
	}
}
