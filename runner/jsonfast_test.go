package runner

import (
	"errors"
	"strconv"
	"strings"
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
		got, undef, err := fastStringify(rt, v)
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
	// Declined: syntax errors (goja's parser gives the SyntaxError), and a lone surrogate in a
	// key, which a Go property name cannot hold.
	for _, bad := range []string{`{`, `[1,]`, `01`, `"\x"`, `{"a" 1}`, `tru`, `1 2`, `"\ud800`, `{"\ud800":1}`, `"\ud800\u12"`} {
		if _, err := fastParseJSON(goja.New(), bad); err == nil {
			t.Errorf("%s: parsed", bad)
		}
	}
}

// A lone surrogate in a string value is kept as one UTF-16 code unit, as JSON.parse keeps it
// (goja's own parser replaces it with U+FFFD); stringify writes it back as an escape.
func TestFastJSONLoneSurrogates(t *testing.T) {
	rt := goja.New()
	for doc, want := range map[string]string{
		`"\ud800"`:                  "55296",
		`"x\udc00y"`:                "120,56320,121",
		`"\ud83d\u0041é"`:           "55357,65,233",
		`["\udfff",{"k":"\ud800"}]`: "57343;55296",
	} {
		v, err := fastParseJSON(rt, doc)
		if err != nil {
			t.Fatalf("%s: declined", doc)
		}
		rt.Set("v", v)
		got, err := rt.RunString(`(function codes(v) {
			if (typeof v === 'string') { var c = []; for (var i = 0; i < v.length; i++) c.push(v.charCodeAt(i)); return c.join(); }
			if (Array.isArray(v)) return v.map(codes).join(';');
			return codes(v.k);
		})(v)`)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("%s: code units %s, want %s", doc, got, want)
		}
		// And back, with the lone surrogates escaped as the standard stringify escapes them.
		std, err := rt.RunString("JSON.stringify(v)")
		if err != nil {
			t.Fatal(err)
		}
		if got, _, err := fastStringify(rt, v); err != nil || got != std.String() {
			t.Errorf("%s: fast stringify %s (%v), standard %s", doc, got, err, std)
		}
	}
	// A real U+FFFD comes out unchanged, in a value and in a key.
	installFastJSON(rt)
	got, err := rt.RunString(`JSON.stringify({"\ufffd": "a\ufffd", "s": "\ud800"})`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"\ufffd\":\"a\ufffd\",\"s\":\"\\ud800\"}"; got.String() != want {
		t.Errorf("stringify: %s, want %s", got, want)
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
  class Money { constructor(n) { this.n = n; } toJSON() { return this.n + ' EUR'; } }
  out.inherited = JSON.stringify({ price: new Money(5) });
  out.nullProto = JSON.stringify(Object.assign(Object.create(null), { a: 1 }));
  Array.prototype.toJSON = function () { return 'array'; };
  out.arrayProto = JSON.stringify({ list: [1, 2] });
  delete Array.prototype.toJSON;
  cb(null, out);
};`
	got := runnerTestResult(t, runnerTestRun(t, trigger.PostUserRegistration, script, ""))
	want := map[string]any{
		"plain":      `{"a":[1,"x",null,null,null],"d":"1970-01-01T00:00:00.000Z"}`,
		"indented":   "{\n  \"a\": 1\n}",
		"replacer":   `{"a":1}`,
		"revived":    2.0,
		"toJSON":     `"custom"`,
		"undef":      "undefined",
		"num":        5.0,
		"syntax":     "SyntaxError",
		"cycle":      "TypeError",
		"bigint":     "TypeError",
		"names":      "parse,stringify",
		"inherited":  `{"price":"5 EUR"}`,
		"nullProto":  `{"a":1}`,
		"arrayProto": `{"list":"array"}`,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
}

// The stringify buffer's size hint changes how the text is allocated, never the text.
func TestFastStringifySizeHint(t *testing.T) {
	rt := goja.New()
	doc := benchProfile()
	v, err := fastParseJSON(rt, doc)
	if err != nil {
		t.Fatal("declined")
	}
	for _, hint := range []int{0, 1, 100, len(doc) - 1, len(doc), len(doc) + 1, 10 * len(doc)} {
		got, undef, err := fastStringifySized(rt, v, hint)
		if err != nil || undef {
			t.Fatalf("hint %d: declined (%v)", hint, err)
		}
		if got != doc {
			t.Errorf("hint %d: the text differs from the document", hint)
		}
	}
	small, _, err := fastStringifySized(rt, rt.ToValue(1.25), 10*len(doc))
	if err != nil || small != "1.25" {
		t.Errorf("small text with a big hint: %q, %v", small, err)
	}
}

// The string reader and writer look at eight bytes at a time: every special byte at every
// position around those blocks must still be found.
func TestFastJSONStringBlocks(t *testing.T) {
	rt := goja.New()
	specials := []string{`"`, `\`, "\n", "\x00", "\x1f", "\x7f", " ", "é", "\uFFFD", "\u2028", "😀", "\xef\xbb\xbf"}
	for n := 0; n <= 20; n++ {
		for i := 0; i <= n; i++ {
			for _, sp := range specials {
				s := strings.Repeat("a", i) + sp + strings.Repeat("b", n-i)
				std, err := rt.RunString("JSON.stringify(" + quoteJS(s) + ")")
				if err != nil {
					t.Fatal(err)
				}
				got, _, err := fastStringify(rt, rt.ToValue(s))
				if err != nil || got != std.String() {
					t.Errorf("stringify %q: fast %q (%v), standard %q", s, got, err, std)
					continue
				}
				// And back: the fast parser reads what the standard stringify wrote.
				v, err := fastParseJSON(rt, std.String())
				if err != nil || v.String() != s {
					t.Errorf("parse %s: %v (%v)", std, v, err)
				}
			}
		}
	}
	// Raw control characters are syntax errors wherever they are.
	for i := 0; i <= 17; i++ {
		doc := `"` + strings.Repeat("a", i) + "\x01" + strings.Repeat("b", 17-i) + `"`
		if _, err := fastParseJSON(rt, doc); err == nil {
			t.Errorf("%q: parsed", doc)
		}
	}
}

// The exceptions JSON.stringify throws come out of the native path with goja's messages (V8's
// for a cycle, as Node 20 prints it), and a thrown value is the script's own.
func TestFastStringifyExceptions(t *testing.T) {
	rt := goja.New()
	installFastJSON(rt)
	got, err := rt.RunString(`(function () {
		var out = [];
		function t(f) { try { f(); out.push('no error'); } catch (e) { out.push(e instanceof Error ? e.name + ': ' + e.message : typeof e + ': ' + e); } }
		t(function () { var c = { a: [1] }; c.a.push({ c: c }); JSON.stringify(c); });
		t(function () { JSON.stringify({ n: [1, 2n] }); });
		t(function () { JSON.stringify([Object(3n)]); });
		t(function () { JSON.stringify({ get a() { throw 'a string'; } }); });
		t(function () { JSON.stringify({ x: { toJSON: function () { throw new URIError('in toJSON'); } } }); });
		t(function () { var r = Proxy.revocable({}, {}); r.revoke(); JSON.stringify([r.proxy]); });
		return out.join('\n');
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"TypeError: Converting circular structure to JSON\n" +
			"    --> starting at object with constructor 'Object'\n" +
			"    |     property 'a' -> object with constructor 'Array'\n" +
			"    |     index 1 -> object with constructor 'Object'\n" +
			"    --- property 'c' closes the circle",
		"TypeError: Do not know how to serialize a BigInt",
		"TypeError: Do not know how to serialize a BigInt",
		"string: a string",
		"URIError: in toJSON",
		"TypeError: proxy has been revoked",
	}, "\n")
	if got.String() != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// From Go (the callback's result): the exception as the error.
	v, err := rt.RunString(`({ get a() { throw new RangeError('from a getter'); } })`)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = fastStringify(rt, v)
	var ex *goja.Exception
	if !errors.As(err, &ex) || !strings.Contains(ex.Error(), "RangeError: from a getter") {
		t.Errorf("error %v", err)
	}
}

// A script stopped inside a getter or a toJSON while JSON.stringify runs (the time limit
// interrupts it) ends with the timeout, not with a second serialisation.
func TestFastStringifyInterrupted(t *testing.T) {
	for name, body := range map[string]string{
		"getter": "JSON.stringify({ a: 1, get b() { for (;;) {} } });",
		"toJSON": "JSON.stringify([1, { toJSON: function () { for (;;) {} } }]);",
		"result": "cb(null, { user: { get x() { for (;;) {} } } });",
	} {
		t.Run(name, func(t *testing.T) {
			rep := runnerTestRun(t, trigger.PostUserRegistration, "module.exports = function (u, c, cb) { "+body+" };", "")
			if rep.OK || rep.Error == nil || rep.Error.Kind != KindTimeout {
				t.Fatalf("got %+v", rep.Error)
			}
		})
	}
}

type jsonfastMarshaler struct{ N int }

func (m jsonfastMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(`{"marshalled":` + strconv.Itoa(m.N) + `}`), nil
}

// Go values a runtime may hold (wrapped structs, json.Marshaler) go to goja's serialiser,
// which knows them.
func TestFastStringifyGoValues(t *testing.T) {
	rt := goja.New()
	obj := rt.NewObject()
	_ = obj.Set("m", jsonfastMarshaler{N: 7})
	_ = obj.Set("s", struct{ A int }{A: 1})
	_ = obj.Set("list", []any{1, "x"})
	want, err := obj.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := fastStringify(rt, obj)
	if err != nil || got != string(want) {
		t.Errorf("fast %s (%v), goja %s", got, err, want)
	}
	if !strings.Contains(got, `"m":{"marshalled":7}`) {
		t.Errorf("the json.Marshaler was not used: %s", got)
	}
}
