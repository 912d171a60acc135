package nodelib

import (
	"testing"

	"github.com/dop251/goja"
)

func BenchmarkEnable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rt := goja.New()
		if err := Enable(rt, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRuntime is the baseline BenchmarkEnable adds to.
func BenchmarkNewRuntime(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = goja.New()
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
