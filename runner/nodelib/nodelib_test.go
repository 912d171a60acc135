package nodelib

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkEnable measures Enable alone on a fresh runtime (what every run pays).
func BenchmarkEnable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		rt := goja.New()
		b.StartTimer()
		if err := Enable(rt, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunTrivialHook is a fresh runtime running a cached trivial program, without and
// with Enable: the difference is what the Node surface costs a hook that does not use it.
func BenchmarkRunTrivialHook(b *testing.B) {
	prg := goja.MustCompile("hook.js", `(function (user, context, cb) { cb(null, { ok: true }); })`, false)
	run := func(b *testing.B, enable bool) {
		b.ReportAllocs()
		for b.Loop() {
			rt := goja.New()
			if enable {
				if err := Enable(rt, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			v, err := rt.RunProgram(prg)
			if err != nil {
				b.Fatal(err)
			}
			fn, _ := goja.AssertFunction(v)
			if _, err := fn(goja.Undefined(), rt.NewObject(), rt.NewObject(), rt.ToValue(func(goja.FunctionCall) goja.Value { return nil })); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("plain", func(b *testing.B) { run(b, false) })
	b.Run("enabled", func(b *testing.B) { run(b, true) })
}

// BenchmarkFirstUse is the one-off cost of the first use of a lazy global or module in a run.
func BenchmarkFirstUse(b *testing.B) {
	for _, tc := range []struct{ name, src string }{
		{"Buffer", `Buffer.from('hi').toString('base64')`},
		{"URL", `new URL('https://a.com/x?y=1').searchParams.get('y')`},
		{"crypto", `require('crypto').createHash('sha256').update('x').digest('hex')`},
		{"events", `new (require('events'))()`},
		{"util", `require('util').format('%s', 1)`},
		{"process", `process.env`},
		{"AbortController", `new AbortController().abort()`},
	} {
		prg := goja.MustCompile("x.js", tc.src, false)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				rt := goja.New()
				if err := Enable(rt, Options{}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := rt.RunProgram(prg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFormat is console.log's formatting of a typical hook log line.
func BenchmarkFormat(b *testing.B) {
	rt := goja.New()
	if err := Enable(rt, Options{}); err != nil {
		b.Fatal(err)
	}
	v, err := rt.RunString(`['user %s signed up', 'jdoe@example.com', { user_id: 'auth0|123', app_metadata: { plan: 'full', roles: ['admin', 'dev'] }, created: new Date(0) }]`)
	if err != nil {
		b.Fatal(err)
	}
	arr := v.ToObject(rt)
	args := []goja.Value{arr.Get("0"), arr.Get("1"), arr.Get("2")}
	b.ReportAllocs()
	for b.Loop() {
		_ = Format(rt, args)
	}
}

func TestModuleName(t *testing.T) {
	for in, want := range map[string]string{
		"crypto":           "crypto",
		"node:crypto":      "crypto",
		"lodash@4.17.21":   "lodash",
		"@scope/pkg@1.0.0": "@scope/pkg",
		"@scope/pkg":       "@scope/pkg",
		"ipaddr.js@1.9.0":  "ipaddr.js",
	} {
		if got := ModuleName(in); got != want {
			t.Errorf("ModuleName(%q) = %q, want %q", in, got, want)
		}
	}
}
