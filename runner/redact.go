package runner

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// minRedactLen is the shortest secret value (in characters) hidden from reports: shorter
// values (a "1", a "true") would blank out ordinary text.
const minRedactLen = 4

// minRedactLineLen is the shortest line of a multi-line secret (a PEM key) hidden on its
// own: a script may print such a value line by line, and Node's util.inspect splits it into
// one quoted piece per line. Shorter lines ("", "==") are too common to hide.
const minRedactLineLen = 8

// redactor hides secret values in what a run reports (logs, error messages and stacks, the
// result and what Auth0 would apply): reports are shown in the CLI and the TUI and recorded
// in the tenant's logs, and secrets are never shown in clear. A script that logs a secret
// sees "[secret NAME]" instead, in every form a script can print it: as is, escaped the way
// JSON.stringify writes it, quoted the way console.log/util.inspect writes it, and for a
// multi-line value each line on its own.
type redactor struct {
	// patterns are the texts to hide, longest first, so that a secret containing another
	// (or overlapping it) is hidden whole.
	patterns []redactPattern
}

type redactPattern struct {
	text, name string
}

func newRedactor(secrets map[string]string) redactor {
	if len(secrets) == 0 {
		return redactor{}
	}
	seen := map[string]bool{}
	var list []redactPattern
	add := func(text, name string) {
		if text != "" && !seen[text] {
			seen[text] = true
			list = append(list, redactPattern{text, name})
		}
	}
	// Names in order, so that when two secrets share a value the same name is shown on
	// every run.
	for _, name := range sortedSecretNames(secrets) {
		v := secrets[name]
		if utf8.RuneCountInString(v) < minRedactLen {
			continue
		}
		bases := withLines(nil, v)
		if seen := string([]rune(v)); seen != v {
			// A value that is not valid UTF-8 (a Latin-1 file) reaches the script with each
			// bad byte as U+FFFD: that is the text the script prints.
			bases = withLines(bases, seen)
		}
		if p, cut := inspectPrefix(v); cut {
			// util.inspect prints only the first inspectMaxStringLength characters of a
			// longer string, then "... N more characters".
			bases = withLines(bases, p)
		}
		for _, b := range bases {
			for _, f := range printedForms(b) {
				add(f, name)
			}
		}
	}
	if len(list) == 0 {
		return redactor{}
	}
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
	return redactor{patterns: list}
}

// inspectMaxStringLength is util.inspect's default maxStringLength, in UTF-16 code units.
const inspectMaxStringLength = 10000

// inspectPrefix is the part of v util.inspect prints by default; cut reports that v is longer.
func inspectPrefix(v string) (prefix string, cut bool) {
	units := 0
	for i, r := range v {
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > inspectMaxStringLength {
			return v[:i], true
		}
		units += n
	}
	return v, false
}

// withLines appends v and, when it spans lines, each of its lines long enough to hide alone.
func withLines(bases []string, v string) []string {
	bases = append(bases, v)
	if strings.ContainsAny(v, "\r\n") {
		for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if utf8.RuneCountInString(line) >= minRedactLineLen {
				bases = append(bases, line)
			}
		}
	}
	return bases
}

// printedForms lists how a script can print s: as is; as JSON.stringify escapes it inside
// its quotes; as util.inspect escapes it inside single quotes (\' escaped) and inside double
// quotes or backticks (Node switches to those when the string holds a single quote, and
// then leaves ' alone); and the same three escapes of the JSON form, for a
// console.log({ body: JSON.stringify(secrets) }) or a JSON.stringify of JSON text.
func printedForms(s string) []string {
	j := jsonEscape(s)
	return []string{
		s,
		j,
		nodelib.InspectEscape(s, true),
		nodelib.InspectEscape(s, false),
		jsonEscape(j),
		nodelib.InspectEscape(j, true),
		nodelib.InspectEscape(j, false),
	}
}

func (d redactor) apply(s string) string {
	out, _ := d.mask(s)
	return out
}

// redactMatch is one occurrence of a pattern kept for replacement.
type redactMatch struct {
	start, end int
	name       string
}

// mask replaces every occurrence of a secret in s and returns the names it found. Patterns
// are tried longest first; an occurrence inside text already matched is dropped, one that
// overlaps it is merged with it, so that no fragment of either secret is left: the merged
// span shows each secret's name once ("[secret A][secret B]").
func (d redactor) mask(s string) (string, []string) {
	if len(d.patterns) == 0 || s == "" {
		return s, nil
	}
	first := -1
	for i, p := range d.patterns {
		if strings.Contains(s, p.text) {
			first = i
			break
		}
	}
	if first < 0 {
		return s, nil
	}
	// next[i] is the first byte at or after i not yet matched (a union-find with path
	// halving), so that checking and marking spans costs each byte once however the
	// secrets overlap.
	next := make([]int32, len(s)+1)
	for i := range next {
		next[i] = int32(i)
	}
	find := func(i int) int {
		for int(next[i]) != i {
			next[i] = next[next[i]]
			i = int(next[i])
		}
		return i
	}
	var matches []redactMatch
	for _, p := range d.patterns[first:] {
		for from := 0; from <= len(s)-len(p.text); {
			k := strings.Index(s[from:], p.text)
			if k < 0 {
				break
			}
			start, end := from+k, from+k+len(p.text)
			from = end
			if find(start) >= end {
				continue // inside a longer secret already matched
			}
			for i := find(start); i < end; i = find(i) {
				next[i] = int32(i + 1)
			}
			matches = append(matches, redactMatch{start, end, p.name})
		}
	}
	sort.Slice(matches, func(i, j int) bool { return matches[i].start < matches[j].start })
	var b strings.Builder
	b.Grow(len(s))
	var names []string
	pos := 0
	for i := 0; i < len(matches); {
		start, end := matches[i].start, matches[i].end
		b.WriteString(s[pos:start])
		last := ""
		for ; i < len(matches) && matches[i].start < end; i++ {
			if matches[i].end > end {
				end = matches[i].end
			}
			if matches[i].name != last {
				b.WriteString("[secret " + matches[i].name + "]")
				last = matches[i].name
				names = appendName(names, last)
			}
		}
		pos = end
	}
	b.WriteString(s[pos:])
	return b.String(), names
}

func appendName(names []string, name string) []string {
	for _, n := range names {
		if n == name {
			return names
		}
	}
	return append(names, name)
}

// report redacts r in place. The caller computed Applied from the real result first (so its
// counts are right); here the report's copies of the result, the applied values, the logs
// and the error are masked, and a warning says which secrets the result held.
func (d redactor) report(r *Report) {
	if len(d.patterns) == 0 {
		return
	}
	for i := range r.Logs {
		r.Logs[i].Message = d.apply(r.Logs[i].Message)
	}
	if e := r.Error; e != nil {
		e.Name = d.apply(e.Name) // a script may name its error after anything, a secret too
		e.Message = d.apply(e.Message)
		e.FriendlyMessage = d.apply(e.FriendlyMessage)
		e.Stack = d.apply(e.Stack)
		e.Properties = maskJSONStrings(e.Properties, d.apply)
	}
	var inResult []string
	collect := func(s string) string {
		out, names := d.mask(s)
		for _, n := range names {
			inResult = appendName(inResult, n)
		}
		return out
	}
	r.Result = maskJSONStrings(r.Result, collect)
	if a := r.Applied; a != nil {
		a.ClaimsKept = maskValue(a.ClaimsKept, collect).(map[string]any)
		a.UserMetadata = maskValue(a.UserMetadata, collect).(map[string]any)
		a.AppMetadata = maskValue(a.AppMetadata, collect).(map[string]any)
		for _, list := range [][]string{a.Scope, a.ClaimsIgnored, a.InvalidKeys, a.Ignored} {
			for i := range list {
				list[i] = collect(list[i])
			}
		}
		a.Summary = collect(a.Summary)
	}
	sort.Strings(inResult)
	for _, name := range inResult {
		r.Logs = append(r.Logs, LogLine{Time: resultWarningTime(r), Level: "warn",
			Message: "hookterm: the result contains the value of secret " + name +
				" (shown here as [secret " + name + "]); Auth0 would use it in clear: a hook that copies a secret into its result is almost always a bug"})
	}
}

// resultWarningTime places the result warnings after the run's last log line.
func resultWarningTime(r *Report) time.Time {
	if n := len(r.Logs); n > 0 {
		return r.Logs[n-1].Time
	}
	return time.Now()
}

// maskValue masks the strings (and object keys) of a value decoded from JSON; maps and
// slices are copied, not changed in place.
func maskValue(v any, f func(string) string) any {
	switch x := v.(type) {
	case string:
		return f(x)
	case map[string]any:
		if x == nil {
			return x
		}
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[f(k)] = maskValue(val, f)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = maskValue(val, f)
		}
		return out
	}
	return v
}

// maskJSONStrings applies f to every string (keys included) of the JSON text raw and
// returns valid JSON: a string f changes is re-quoted as JSON.stringify would, so that
// "k": "s3cr3t" becomes "k": "[secret NAME]" whatever the secret's characters are. raw is
// returned as is when nothing changes.
func maskJSONStrings(raw json.RawMessage, f func(string) string) json.RawMessage {
	var out []byte
	last := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(raw) && raw[j] != '"' {
			if raw[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(raw) {
			break // not JSON: leave the rest alone
		}
		var s string
		if err := json.Unmarshal(raw[i:j+1], &s); err == nil {
			if m := f(s); m != s {
				out = append(out, raw[last:i]...)
				out = append(out, '"')
				out = append(out, jsonEscape(m)...)
				out = append(out, '"')
				last = j + 1
			}
		}
		i = j
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

// jsonEscape escapes s as JSON.stringify does between its quotes (V8 and the runner's JSON
// writer alike): quote, backslash and control characters, nothing else. It works byte by
// byte, so that any Go string (a secret read from a Latin-1 file, say) can be searched for.
func jsonEscape(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
