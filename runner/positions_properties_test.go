package runner

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// Auth0's envelope carried every own property of the Error (contract §1.1): the report keeps
// the ones it has no field for, in order, with secret values masked.
func TestErrorOwnProperties(t *testing.T) {
	const head = "module.exports = function (user, context, cb) {\n"
	cases := []struct {
		name, body, want string
	}{
		{"assigned", "  cb(Object.assign(new Error('with props'), {statusCode: 403, code: 'E_X'}));\n", `{"statusCode":403,"code":"E_X"}`},
		{"thrown", "  var e = new TypeError('t'); e.details = {list: [1, 'two', null]}; throw e;\n", `{"details":{"list":[1,"two",null]}}`},
		// runnerTestRun's secret API_KEY is s3cr3t: masked inside keys, values and escapes.
		{"secret", "  var k = context.webtask.secrets.API_KEY;\n  var e = new Error('x'); e.token = 'Bearer ' + k + '\"\\n'; e[k] = 1; cb(e);\n",
			`{"token":"Bearer [secret API_KEY]\"\n","[secret API_KEY]":1}`},
		// JSON.stringify leaves functions and undefined out; a BigInt is shown as util.inspect does.
		{"unserialisable", "  var e = new Error('x'); e.f = function () {}; e.u = undefined; e.n = 10n; cb(e);\n", `{"n":"10n"}`},
		// name and friendlyMessage have their own fields.
		{"custom class", "  cb(new PreUserRegistrationError('no', 'No way'));\n", ``},
		{"plain", "  cb(new Error('plain'));\n", ``},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := runnerTestRun(t, trigger.PreUserRegistration, head+c.body+"};\n", "")
			if rep.Error == nil {
				t.Fatal("the hook succeeded")
			}
			got := string(rep.Error.Properties)
			if c.want == "" {
				if got != "" {
					t.Errorf("properties %s, want none", got)
				}
				return
			}
			var gotV, wantV any
			if err := json.Unmarshal(rep.Error.Properties, &gotV); err != nil {
				t.Fatalf("properties %q: %v", got, err)
			}
			_ = json.Unmarshal([]byte(c.want), &wantV)
			if g, w := mustJSON(gotV), mustJSON(wantV); g != w || !sameKeyOrder(got, c.want) {
				t.Errorf("properties %s, want %s", got, c.want)
			}
			if strings.Contains(got, "s3cr3t") {
				t.Errorf("a secret is shown: %s", got)
			}
			b, _ := json.Marshal(rep)
			if !strings.Contains(string(b), `"properties":`) {
				t.Errorf("the report's JSON has no properties: %s", b)
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// sameKeyOrder compares the order of the top-level keys of two JSON objects.
func sameKeyOrder(a, b string) bool {
	return strings.Join(topKeys(a), ",") == strings.Join(topKeys(b), ",")
}

func topKeys(s string) []string {
	dec := json.NewDecoder(strings.NewReader(s))
	var keys []string
	depth := 0
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
				expectKey = t == '{' && depth == 1
			} else {
				depth--
				expectKey = depth == 1
			}
			continue
		case string:
			if depth == 1 && expectKey {
				keys = append(keys, t)
				expectKey = false
				continue
			}
		}
		if depth == 1 {
			expectKey = true
		}
	}
}

func TestMaskJSONStringsKeepsOrderAndEscapes(t *testing.T) {
	d := newRedactor(map[string]string{"PEM": "line1\nline2\"x"})
	got := maskJSONStrings([]byte(`{"z":"a line1\nline2\"x b","a":[1.50,true,null,{"line1\nline2\"x":false}]}`), d.apply)
	if want := `{"z":"a [secret PEM] b","a":[1.50,true,null,{"[secret PEM]":false}]}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
