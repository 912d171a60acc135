package nodelib

import (
	"strings"
	"testing"
)

func TestCheckScriptFindsUnicodePropertyEscapes(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{"module.exports = function (u, c, cb) {\n  cb(null, /^\\p{L}+$/u.test(u.name));\n};", 2, 12},
		{"return function (u, c, cb) { const re = new RegExp('\\\\P{Lu}', 'u'); cb(); }", 1, 41},
		{"function (u, c, cb) {\n\n  cb(null, 'x'.match(/[\\p{Script=Greek}]/gu));\n}", 3, 22},
	} {
		err := CheckScript(tc.src)
		if err == nil {
			t.Errorf("CheckScript(%q) = nil, want an UnsupportedError", tc.src)
			continue
		}
		if line, col := err.Position(tc.src); line != tc.line || col != tc.col {
			t.Errorf("%q: position %d:%d, want %d:%d", tc.src, line, col, tc.line, tc.col)
		}
		if !strings.Contains(err.Error(), `\p{…}`) {
			t.Errorf("message %q does not name the feature", err.Error())
		}
	}
	for _, src := range []string{
		`module.exports = function (u, c, cb) { cb(null, /\p{L}/.test('p{L}')); };`, // no u flag: Annex B identity escape, same in Node
		`module.exports = function (u, c, cb) { cb(null, /\\p{L}/u.test('\\p{L}')); };`,
		`module.exports = function (u, c, cb) { cb(null, '\\p{L}'); };`,
		`module.exports = function (u, c, cb) { cb(null, /[a-z]+/u.test('abc')); };`,
		`this is not javascript \p{`,
	} {
		if err := CheckScript(src); err != nil {
			t.Errorf("CheckScript(%q) = %v, want nil", src, err)
		}
	}
}

func TestV8Message(t *testing.T) {
	for in, want := range map[string]string{
		"Cannot read property 'scope' of undefined":        "Cannot read properties of undefined (reading 'scope')",
		"Cannot read property '0' of null":                 "Cannot read properties of null (reading '0')",
		"Cannot set property 'x' of undefined":             "Cannot set properties of undefined (setting 'x')",
		"x is not defined":                                 "x is not defined",
		"Cannot read property 'push' of undefined or null": "Cannot read properties of undefined (reading 'push')",
		"Malformed URI":                                    "URI malformed",
		"No initial value":                                 "Reduce of empty array with no initial value",
		"Cannot convert 1.5 to a BigInt":                   "The number 1.5 cannot be converted to a BigInt because it is not an integer",
	} {
		if got := V8Message(in); got != want {
			t.Errorf("V8Message(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIntlStaysUndefined: goja has no Intl. Feature detection must keep working (typeof is
// 'undefined', globalThis.Intl is undefined); using it is goja's ReferenceError, whose
// message V8Message (and so the runner's report) explains.
func TestIntlStaysUndefined(t *testing.T) {
	rt := nodelibTestRuntime(t)
	if got := nodelibTestRun(t, rt, `[typeof Intl, globalThis.Intl, 'Intl' in globalThis].join()`).String(); got != "undefined,,false" {
		t.Errorf("feature detection sees %q", got)
	}
	e := nodelibTestThrows(t, rt, `new Intl.NumberFormat('en-US').format(1)`)
	if e.Get("name").String() != "ReferenceError" || V8Message(e.Get("message").String()) != IntlMessage {
		t.Errorf("%v: %v", e.Get("name"), V8Message(e.Get("message").String()))
	}
	if !strings.Contains(IntlMessage, "not supported") && !strings.Contains(IntlMessage, "does not support") {
		t.Errorf("IntlMessage does not say Intl is unsupported: %s", IntlMessage)
	}
}
