package runner

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/hookterm/hookterm/trigger"
)

// The native JSON paths must give exactly what goja's standard JSON gives.
func TestFastJSONMatchesStandard(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `0`, `-0`, `1.5`, `-12e3`, `123456789012345678901`, `"x"`, `true`, `null`,
		`{"a":1,"b":[1,2,{"c":null}],"d":"é\u00e9\n\"q\"","e":{"f":{"g":[]}}}`,
		`{"__proto__":{"x":1},"y":2}`,
		`{"dup":1,"dup":2}`,
		`{"2":"b","1":"a","z":0}`,
		`"\ud83d\ude00 emoji \u2028 \u003c"`,
		` [ 1 , 2 ] `,
		`{"n":0.1,"m":1e21,"k":1e-7,"big":9007199254740993}`,
	}
	for _, doc := range docs {
		rt := goja.New()
		std, err := rt.RunString("JSON.stringify(JSON.parse(" + quoteJS(doc) + "))")
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		v, err := fastParseJSON(rt, doc)
		if err != nil {
			t.Fatalf("%s: fast parse declined", doc)
		}
		got, undef, err := fastStringify(v)
		if err != nil || undef {
			t.Fatalf("%s: fast stringify declined (%v)", doc, err)
		}
		if got != std.String() {
			t.Errorf("%s: fast %s, standard %s", doc, got, std)
		}
		if doc == `{"__proto__":{"x":1},"y":2}` {
			rt.Set("v", v)
			if proto, _ := rt.RunString("Object.getPrototypeOf(v) === Object.prototype && v.hasOwnProperty('__proto__')"); !proto.ToBoolean() {
				t.Errorf("__proto__ replaced the prototype")
			}
		}
	}
	for _, bad := range []string{`{`, `[1,]`, `01`, `"\x"`, `{"a" 1}`, `tru`, `1 2`, `"\ud800"`} {
		if _, err := fastParseJSON(goja.New(), bad); err == nil {
			t.Errorf("%s: parsed", bad)
		}
	}
}

func quoteJS(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, c)
		}
	}
	return string(append(out, '\''))
}

// Scripts see the standard JSON behaviour whichever path runs.
func TestScriptJSONBehaviour(t *testing.T) {
	script := `module.exports = function (user, context, cb) {
  var out = {};
  out.plain = JSON.stringify({ a: [1, 'x', null, undefined, function () {}], u: undefined, d: new Date(0) });
  out.indented = JSON.stringify({ a: 1 }, null, 2);
  out.replacer = JSON.stringify({ a: 1, b: 2 }, ['a']);
  out.revived = JSON.parse('{"a":1}', function (k, v) { return typeof v === 'number' ? v + 1 : v; }).a;
  out.toJSON = JSON.stringify({ toJSON: function () { return 'custom'; } });
  out.undef = typeof JSON.stringify(undefined);
  out.num = JSON.parse(' 5 ');
  try { JSON.parse('{bad'); } catch (e) { out.syntax = e.name; }
  try { var c = {}; c.c = c; JSON.stringify(c); } catch (e) { out.cycle = e.name; }
  try { JSON.stringify({ n: 1n }); } catch (e) { out.bigint = e.name; }
  out.names = JSON.parse.name + ',' + JSON.stringify.name;
  cb(null, out);
};`
	got := runnerTestResult(t, runnerTestRun(t, trigger.PostUserRegistration, script, ""))
	want := map[string]any{
		"plain":    `{"a":[1,"x",null,null,null],"d":"1970-01-01T00:00:00.000Z"}`,
		"indented": "{\n  \"a\": 1\n}",
		"replacer": `{"a":1}`,
		"revived":  2.0,
		"toJSON":   `"custom"`,
		"undef":    "undefined",
		"num":      5.0,
		"syntax":   "SyntaxError",
		"cycle":    "TypeError",
		"bigint":   "TypeError",
		"names":    "parse,stringify",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
}
