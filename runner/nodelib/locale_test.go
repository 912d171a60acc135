package nodelib

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func TestInstallLocaleMatchesNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/locale.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Src, Want string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("%d cases", len(cases))
	}
	rt := nodelibTestRuntime(t)
	if err := InstallLocale(rt, time.UTC); err != nil {
		t.Fatal(err)
	}
	// Date#toString uses goja's local time zone (the process's); the recorded outputs are UTC.
	name, offset := time.Now().Zone()
	localIsUTC := name == "UTC" && offset == 0
	for _, c := range cases {
		if !localIsUTC && strings.Contains(c.Want, "GMT") {
			t.Logf("not comparing %s: the local time zone is %s, not UTC", c.Src, name)
			continue
		}
		if got := nodelibTestRun(t, rt, "String("+c.Src+")").String(); got != c.Want {
			t.Errorf("%s = %q, Node says %q", c.Src, got, c.Want)
		}
	}
}

func TestInstallLocaleRefusesWhatItCannotFormat(t *testing.T) {
	rt := nodelibTestRuntime(t)
	if err := InstallLocale(rt, nil); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		`(12).toLocaleString('de-DE')`,
		`(12).toLocaleString(undefined, { style: 'currency', currency: 'EUR' })`,
		`new Date(0).toLocaleDateString('en-US', { weekday: 'long' })`,
		`new Date(0).toLocaleString('fr-FR')`,
	} {
		e := nodelibTestThrows(t, rt, src)
		if e.Get("code").String() != "ERR_HOOKTERM_NOT_SUPPORTED" || !strings.Contains(e.Get("message").String(), "not supported") {
			t.Errorf("%s: %v", src, e.Get("message"))
		}
	}
	if !NeedsLocale(`x.toLocaleString()`) || NeedsLocale(`x.toString()`) {
		t.Error("NeedsLocale")
	}
	_ = goja.Undefined()
}

func BenchmarkInstallLocale(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		rt := goja.New()
		b.StartTimer()
		if err := InstallLocale(rt, time.UTC); err != nil {
			b.Fatal(err)
		}
	}
}
