package runpane

import (
	"encoding/json"
	"testing"

	"github.com/hookterm/hookterm/runner"
)

func TestMaskJSONStaysJSON(t *testing.T) {
	mask := masker([]string{`ab"c`, "xy", "secret"})
	cases := map[string]string{
		`{"k":"secret"}`:  `{"k":"•••••"}`,
		`{"k":"xy"}`:      `{"k":"xy"}`, // too short to mask
		`{"k":"ab\"c"}`:   `{"k":"ab\"c"}`,
		`{"ab"c":1}`:      ``, // not JSON to begin with: masked into a JSON string
		`{"n":"secrets"}`: `{"n":"•••••s"}`,
	}
	for in, want := range cases {
		got := maskJSON(json.RawMessage(in), mask)
		if !json.Valid(got) {
			t.Errorf("maskJSON(%s) = %s: not JSON", in, got)
		}
		if want != "" && string(got) != want {
			t.Errorf("maskJSON(%s) = %s, want %s", in, got, want)
		}
	}
	if got := maskReport(nil, mask); got != nil {
		t.Fatalf("maskReport(nil) = %v", got)
	}
	rep := &runner.Report{Applied: &runner.Applied{Summary: "claim secret", Scope: []string{"secret"}}}
	got := maskReport(rep, mask)
	if got.Applied.Summary != "claim •••••" || got.Applied.Scope[0] != "•••••" || rep.Applied.Scope[0] != "secret" {
		t.Fatalf("applied masked = %+v, original = %+v", got.Applied, rep.Applied)
	}
}
