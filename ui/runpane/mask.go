package runpane

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/hookterm/hookterm/runner"
)

// maskText replaces secret values.
const maskText = "•••••"

// masker hides secret values wherever a script echoed them (a console.log of a secret, a
// claim built from one): secrets are never shown or logged in clear. Values shorter than 3
// bytes are left alone, since masking every "1" or "a" would make the output unreadable.
func masker(secrets []string) func(string) string {
	var pairs []string
	// Longest first, so that a secret containing another is masked whole.
	sorted := slices.Clone(secrets)
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, s := range sorted {
		if len(s) >= 3 {
			pairs = append(pairs, s, maskText)
		}
	}
	if len(pairs) == 0 {
		return func(s string) string { return s }
	}
	return strings.NewReplacer(pairs...).Replace
}

// maskReport returns a copy of rep with secret values masked in everything a person or a log
// could see: the result, the console, the error and what Auth0 would apply. The run pane
// hands this copy to the root, so the log pane and the run recorded in the tenant's logs never
// carry a secret in clear either.
func maskReport(rep *runner.Report, mask func(string) string) *runner.Report {
	if rep == nil {
		return nil
	}
	out := *rep
	out.Result = maskJSON(rep.Result, mask)
	out.Logs = make([]runner.LogLine, len(rep.Logs))
	for i, l := range rep.Logs {
		l.Message = mask(l.Message)
		out.Logs[i] = l
	}
	if rep.Error != nil {
		e := *rep.Error
		e.Message, e.FriendlyMessage, e.Stack = mask(e.Message), mask(e.FriendlyMessage), mask(e.Stack)
		e.Properties = maskJSON(e.Properties, mask)
		out.Error = &e
	}
	if rep.Applied != nil {
		var a runner.Applied
		raw, err := json.Marshal(rep.Applied)
		if err == nil {
			err = json.Unmarshal(maskJSON(raw, mask), &a)
		}
		if err != nil {
			a = runner.Applied{Summary: mask(rep.Applied.Summary)}
		}
		out.Applied = &a
	}
	return &out
}

// maskJSON masks secret values inside JSON text. Should a secret span JSON syntax (it
// contains a quote, say) and masking break the text, the whole text becomes one JSON string.
func maskJSON(raw json.RawMessage, mask func(string) string) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	masked := mask(string(raw))
	if masked == string(raw) {
		return raw
	}
	if json.Valid([]byte(masked)) {
		return json.RawMessage(masked)
	}
	q, _ := json.Marshal(masked)
	return q
}
