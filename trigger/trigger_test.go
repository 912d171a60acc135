package trigger

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAllPointsInSpecOrder(t *testing.T) {
	want := []ID{CredentialsExchange, PreUserRegistration, PostUserRegistration, PostChangePassword, SendPhoneMessage}
	got := IDs()
	if len(got) != len(want) {
		t.Fatalf("IDs() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("IDs()[%d] = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestSamplePayloadsHoldTheirArguments(t *testing.T) {
	for _, p := range All() {
		payload := p.SamplePayload()
		for _, arg := range p.Args {
			if arg == "scope" || arg == "context" && p.ID == CredentialsExchange {
				continue // optional in the compiler
			}
			if _, ok := payload[arg]; !ok {
				t.Errorf("%s sample payload lacks %q", p.ID, arg)
			}
		}
		if !json.Valid([]byte(p.Sample)) {
			t.Errorf("%s sample is not valid JSON", p.ID)
		}
	}
}

func TestStartersExportAFunctionWithThePointsArguments(t *testing.T) {
	for _, p := range All() {
		sig := strings.Join(append(append([]string{}, p.Args...), "cb"), ", ")
		if !strings.Contains(p.Starter, "module.exports = function") || !strings.Contains(strings.ReplaceAll(p.Starter, "function(", "function ("), "("+sig+")") {
			t.Errorf("%s starter does not export function(%s)", p.ID, sig)
		}
	}
}

func TestParseRejectsUnknownPoint(t *testing.T) {
	if _, err := Parse("credentials-exchange"); err != nil {
		t.Fatalf("Parse(valid) error: %v", err)
	}
	_, err := Parse("post-login")
	if err == nil || !strings.Contains(err.Error(), `"post-login"`) || !strings.Contains(err.Error(), "send-phone-message") {
		t.Fatalf("Parse(post-login) error = %v, want one naming the id and the valid ones", err)
	}
}
