package nodelib

import (
	"encoding/json"
	"github.com/dop251/goja"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// localeTextCases are evaluated by Node 20 (full ICU) and by goja with PatchLocaleText; the
// results must be the same.
var localeTextCases = []string{
	`'MULLER'.localeCompare('muller', 'en', { sensitivity: 'base' })`,
	`'MULLER'.localeCompare('muller', 'en', { sensitivity: 'accent' })`,
	`'MULLER'.localeCompare('muller', 'en', { sensitivity: 'case' })`,
	`'MULLER'.localeCompare('muller', 'en', { sensitivity: 'variant' })`,
	`'MULLER'.localeCompare('muller')`,
	`'Müller'.localeCompare('muller', 'de', { sensitivity: 'base' })`,
	`'Müller'.localeCompare('muller', 'de', { sensitivity: 'accent' })`,
	`'Müller'.localeCompare('Muller', 'de', { sensitivity: 'case' })`,
	`'müller'.localeCompare('Muller', 'de', { sensitivity: 'case' })`,
	`'résumé'.localeCompare('resume', undefined, { sensitivity: 'base' })`,
	`'résumé'.localeCompare('resume')`,
	`'2'.localeCompare('10', undefined, { numeric: true })`,
	`'2'.localeCompare('10')`,
	`'item 10'.localeCompare('item 9', 'en', { numeric: true })`,
	`'ä'.localeCompare('z', 'sv')`,
	`'ä'.localeCompare('z', 'de')`,
	`'ä'.localeCompare('z', ['sv', 'en'])`,
	`'ä'.localeCompare('z', [])`,
	`'a'.localeCompare('B')`,
	`'a'.localeCompare('A')`,
	`'A'.localeCompare('a')`,
	`'a'.localeCompare('a')`,
	`'b'.localeCompare('a')`,
	`''.localeCompare('a')`,
	`'ch'.localeCompare('h', 'cs')`,
	`'ch'.localeCompare('h', 'en')`,
	`'ñ'.localeCompare('o', 'es')`,
	`'z'.localeCompare('ö', 'fi')`,
	`'å'.localeCompare('z', 'da')`,
	`['b', 'a', 'C', 'á', 'A'].sort((x, y) => x.localeCompare(y)).join()`,
	`['b', 'a', 'C', 'á', 'A'].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' })).join()`,
	`['file10', 'file2', 'File1'].sort((x, y) => x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' })).join()`,
	`'a'.localeCompare('b', 'en', { usage: 'sort', localeMatcher: 'lookup' })`,
	`'a'.localeCompare()`,
	`'undefined'.localeCompare()`,
	`String.prototype.localeCompare.call(12, '12')`,
	`'ａ'.localeCompare('a', 'en', { sensitivity: 'base' })`,
	`'ａ'.localeCompare('a', 'en', { sensitivity: 'accent' })`,
	`'a-b'.localeCompare('ab', 'en', { ignorePunctuation: true })`,
	`'a b'.localeCompare('ab', 'en', { ignorePunctuation: true })`,
	`'a.b'.localeCompare('a,b', 'en', { ignorePunctuation: true })`,
	`'Müller'.localeCompare('Muller', 'en', { ignorePunctuation: true })`,
	`'e-mail'.localeCompare('EMAIL', 'en', { ignorePunctuation: true, sensitivity: 'base' })`,
	`'a_b'.localeCompare('a^b', 'en', { ignorePunctuation: true })`,
	`'it\'s'.localeCompare('its', 'en', { ignorePunctuation: true })`,
	`'01'.localeCompare('1', undefined, { numeric: true })`,
	`'a1b'.localeCompare('a01b', undefined, { numeric: true })`,
	`'x9'.localeCompare('x10', 'sv', { numeric: true })`,
	`'Ab'.localeCompare('ab', 'en', { sensitivity: 'case' })`,
	`'ａ'.localeCompare('a', 'en', { sensitivity: 'case' })`,
	`'résumé'.localeCompare('Resume', 'en', { sensitivity: 'case' })`,
	`'résumé'.localeCompare('resume', 'en', { sensitivity: 'case' })`,
	`'2'.localeCompare('10', 'en-u-kn-true')`,
	`'2'.localeCompare('10', 'en-u-kn-false', { numeric: true })`,
	`'Äpfel'.localeCompare('Affe', 'de-u-co-phonebk')`,
	`'á'.localeCompare('a', 'en-u-ks-level1')`,
	`'a-b'.localeCompare('ab', 'en-u-ka-shifted')`,
	`'A'.localeCompare('a', 'en-u-kc-true-ks-level1')`,
	`'A'.localeCompare('a', 'en-u-ks-level2')`,
	`'á'.localeCompare('a', 'en-u-ks-level2')`,
	`'i'.toLocaleUpperCase('tr-TR')`,
	`'i'.toLocaleUpperCase('tr')`,
	`'I'.toLocaleLowerCase('tr')`,
	`'İstanbul'.toLocaleLowerCase('tr-TR')`,
	`'ı'.toLocaleUpperCase('az')`,
	`'istanbul'.toLocaleUpperCase('en-US')`,
	`'istanbul'.toLocaleUpperCase()`,
	`'İ'.toLocaleLowerCase('en')`,
	`'ß'.toLocaleUpperCase('de')`,
	`'ΟΔΟΣ'.toLocaleLowerCase('el')`,
	`'i'.toLocaleUpperCase(['tr', 'en'])`,
	`'i'.toLocaleUpperCase([])`,
	`'Ìj̇'.toLocaleLowerCase('lt')`,
	`(() => { try { 'a'.localeCompare('b', 'x-!!'); return 'no error'; } catch (e) { return e.name + ': ' + e.message + ' ' + e.code; } })()`,
	`(() => { try { 'a'.toLocaleUpperCase('not a tag'); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } })()`,
	`(() => { try { String.prototype.localeCompare.call(null, 'a'); return 'no error'; } catch (e) { return e.name; } })()`,
	// The replacements are built-in methods like the others: not enumerable, named, sized.
	`JSON.stringify(['localeCompare', 'toLocaleUpperCase', 'toLocaleLowerCase'].map((m) => [Object.getOwnPropertyDescriptor(String.prototype, m), String.prototype[m].name, String.prototype[m].length, Object.getOwnPropertyDescriptor(String.prototype[m], 'name')]))`,
	`(() => { const k = []; for (const i in 'ab') k.push(i); return k.join() + '|' + Object.keys(String.prototype).length; })()`,
}

func TestLocaleTextMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this comparison needs Node.js 20 on PATH (.ci/run installs it): %v", err)
	}
	raw, _ := json.Marshal(localeTextCases)
	got, err := exec.Command(node, "-e", `process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map((src) => String((0, eval)(src)))))`, string(raw)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(got, &want); err != nil || len(want) != len(localeTextCases) {
		t.Fatalf("node output %s: %v", got, err)
	}
	rt := nodelibTestRuntime(t)
	if err := InstallPatches(rt, PatchLocaleText, time.UTC); err != nil {
		t.Fatal(err)
	}
	for i, src := range localeTextCases {
		if g := nodelibTestRun(t, rt, "String("+src+")").String(); g != want[i] {
			t.Errorf("%s = %q, Node says %q", src, g, want[i])
		}
	}
}

// TestLocaleTextRefusesWhatItCannotDo: options x/text's collator has no equivalent for
// throw ERR_HOOKTERM_NOT_SUPPORTED rather than compare differently from Node.
func TestLocaleTextRefusesWhatItCannotDo(t *testing.T) {
	rt := nodelibTestRuntime(t)
	if err := InstallPatches(rt, PatchLocaleText, nil); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		`'a'.localeCompare('b', 'en', { caseFirst: 'upper' })`,
		`'a'.localeCompare('b', 'en', { usage: 'search' })`,
		`'a'.localeCompare('b', 'de', { collation: 'phonebk' })`,
		`'A'.localeCompare('a', 'en-u-kf-upper')`,
	} {
		e := nodelibTestThrows(t, rt, src)
		if e.Get("code").String() != "ERR_HOOKTERM_NOT_SUPPORTED" || !strings.Contains(e.Get("message").String(), "not supported") {
			t.Errorf("%s: %v", src, e.Get("message"))
		}
	}
	// Without the patch, goja's own method: the difference the patch removes.
	plain := nodelibTestRuntime(t)
	if v := nodelibTestRun(t, plain, `'MULLER'.localeCompare('muller', 'en', { sensitivity: 'base' })`).ToInteger(); v == 0 {
		t.Error("goja's localeCompare honours sensitivity now: the patch may be unnecessary")
	}
}

func TestScriptPatches(t *testing.T) {
	for src, want := range map[string]Patches{
		`x.toString()`:                           0,
		`n.toLocaleString()`:                     PatchLocale,
		`new Date()`:                             PatchLocale,
		`a.localeCompare(b)`:                     PatchLocaleText,
		`s.toLocaleUpperCase('tr')`:              PatchLocale | PatchLocaleText,
		`Error.captureStackTrace(this, E)`:       PatchErrorStack,
		`Error.stackTraceLimit = 50`:             PatchErrorStack,
		`o[Symbol.asyncIterator] = function(){}`: PatchAsyncIterator,
	} {
		if got := ScriptPatches(src); got != want {
			t.Errorf("ScriptPatches(%q) = %b, want %b", src, got, want)
		}
		if NeedsLocale(src) != (want != 0) {
			t.Errorf("NeedsLocale(%q) = %v", src, !(want != 0))
		}
	}
}

// TestAsyncIteratorPatch: Symbol.asyncIterator as Node 20 has it (node -p checks:
// 'symbol', 'Symbol(Symbol.asyncIterator)', not writable/enumerable/configurable).
func TestAsyncIteratorPatch(t *testing.T) {
	rt := nodelibTestRuntime(t)
	if got := nodelibTestRun(t, rt, `typeof Symbol.asyncIterator`).String(); got != "undefined" {
		t.Logf("goja now has Symbol.asyncIterator (%s): the patch keeps it", got)
	}
	if err := InstallPatches(rt, PatchAsyncIterator, nil); err != nil {
		t.Fatal(err)
	}
	got := nodelibTestRun(t, rt, `const d = Object.getOwnPropertyDescriptor(Symbol, 'asyncIterator');
const o = { [Symbol.asyncIterator]() { return this; } };
[typeof Symbol.asyncIterator, String(Symbol.asyncIterator), d.writable, d.enumerable, d.configurable, typeof o[Symbol.asyncIterator], 'undefined' in o, require('util').inspect(o)].join('|')`).String()
	want := "symbol|Symbol(Symbol.asyncIterator)|false|false|false|function|false|{ [Symbol(Symbol.asyncIterator)]: [Function: [Symbol.asyncIterator]] }"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// BenchmarkInstallPatches is the cost of each patch for the scripts that need it.
func BenchmarkInstallPatches(b *testing.B) {
	for _, p := range []struct {
		name string
		p    Patches
	}{{"locale", PatchLocale}, {"localeText", PatchLocaleText}, {"errorStack", PatchErrorStack}, {"asyncIterator", PatchAsyncIterator}, {"all", AllPatches}} {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				rt := goja.New()
				b.StartTimer()
				if err := InstallPatches(rt, p.p, time.UTC); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
