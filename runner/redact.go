package runner

import (
	"sort"
	"strings"
)

// minRedactLen is the shortest secret value hidden from logs and errors: shorter values (a
// "1", a "true") would blank out ordinary text.
const minRedactLen = 4

// redactor hides secret values in what a run reports (logs, error messages, stacks): reports
// are shown in the TUI and recorded in the tenant's logs, and secrets are never shown in clear.
// A script that logs a secret sees "[secret NAME]" in its logs instead.
type redactor struct {
	r *strings.Replacer
}

func newRedactor(secrets map[string]string) redactor {
	type kv struct{ k, v string }
	var list []kv
	for k, v := range secrets {
		if len(v) >= minRedactLen {
			list = append(list, kv{k, v})
		}
	}
	if len(list) == 0 {
		return redactor{}
	}
	// Longest values first, so a secret containing another is hidden whole.
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].v) != len(list[j].v) {
			return len(list[i].v) > len(list[j].v)
		}
		return list[i].k < list[j].k
	})
	var pairs []string
	for _, e := range list {
		pairs = append(pairs, e.v, "[secret "+e.k+"]")
	}
	return redactor{r: strings.NewReplacer(pairs...)}
}

func (d redactor) apply(s string) string {
	if d.r == nil || s == "" {
		return s
	}
	return d.r.Replace(s)
}

// report redacts r in place.
func (d redactor) report(r *Report) {
	if d.r == nil {
		return
	}
	for i := range r.Logs {
		r.Logs[i].Message = d.apply(r.Logs[i].Message)
	}
	if e := r.Error; e != nil {
		e.Message = d.apply(e.Message)
		e.FriendlyMessage = d.apply(e.FriendlyMessage)
		e.Stack = d.apply(e.Stack)
	}
}
