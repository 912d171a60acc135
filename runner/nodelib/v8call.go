package nodelib

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

var (
	gojaNoMember    = lazyRegexp(`^Object has no member '(.*)'$`)
	gojaNotAnObject = lazyRegexp(`^Value is not an object: (.*)$`)
)

// V8MessageAt is V8Message for an error whose position in the script is known (1-based
// line and column, as the runner reports them). V8 names the callee of a failed call
// ("user.foo is not a function") where goja names a member or a value ("Object has no
// member 'foo'", "Value is not an object: undefined"); the callee's text is read back from
// the source at the call's opening parenthesis, where goja places the error. inNative says
// the error was raised inside a built-in (e.g. [1].map(5)), where V8 names the value.
func V8MessageAt(msg, src string, line, col int, inNative bool) string {
	if m := gojaNotAnObject().FindStringSubmatch(msg); m != nil && inNative {
		switch v := m[1]; {
		case v == "undefined" || v == "null" || v == "true" || v == "false" || isNumeric(v):
			return v + " is not a function"
		}
		return msg
	}
	noMember := gojaNoMember().FindStringSubmatch(msg)
	notObject := gojaNotAnObject().FindStringSubmatch(msg)
	if noMember == nil && notObject == nil {
		return V8Message(msg)
	}
	callee, ok := calleeAt(src, line, col)
	if !ok || (noMember != nil && !strings.HasSuffix(callee, noMember[1])) {
		return V8Message(msg)
	}
	return callee + " is not a function"
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != '-' && r != 'e' && r != '+' {
			return false
		}
	}
	return true
}

// calleeAt renders, as V8's call printer does, the expression before the '(' at line:col.
func calleeAt(src string, line, col int) (string, bool) {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return "", false
	}
	text := []rune(lines[line-1])
	i := col - 1 // the '(' goja points at
	if i < 0 || i >= len(text) || text[i] != '(' {
		return "", false
	}
	var parts []string
	i--
	for {
		for i >= 0 && text[i] == ' ' {
			i--
		}
		if i < 0 {
			return "", false
		}
		switch c := text[i]; {
		case c == ')':
			open := matchBack(text, i, '(', ')')
			if open < 0 {
				return "", false
			}
			parts = append(parts, "(...)")
			i = open - 1
			continue // a call's callee comes before its parenthesis
		case c == ']':
			open := matchBack(text, i, '[', ']')
			if open < 0 {
				return "", false
			}
			inner := strings.TrimSpace(string(text[open+1 : i]))
			if len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0] {
				parts = append(parts, "."+inner[1:len(inner)-1])
			} else {
				parts = append(parts, "["+inner+"]")
			}
			i = open - 1
			continue
		case isIdentRune(c):
			end := i
			for i >= 0 && isIdentRune(text[i]) {
				i--
			}
			parts = append(parts, string(text[i+1:end+1]))
		default:
			return "", false
		}
		// After a name: a member access continues the chain, anything else ends it.
		j := i
		for j >= 0 && text[j] == ' ' {
			j--
		}
		if j >= 0 && text[j] == '.' {
			if j > 0 && text[j-1] == '?' {
				j--
			}
			parts = append(parts, ".")
			i = j - 1
			continue
		}
		break
	}
	var sb strings.Builder
	for k := len(parts) - 1; k >= 0; k-- {
		p := parts[k]
		if p == "." && k > 0 && strings.HasPrefix(parts[k-1], ".") {
			continue
		}
		sb.WriteString(p)
	}
	out := sb.String()
	if out == "" || strings.HasPrefix(out, ".") || strings.HasPrefix(out, "(...)") {
		return "", false
	}
	return out, true
}

func isIdentRune(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// matchBack finds the opening bracket matching text[i] (a closing one), or -1.
func matchBack(text []rune, i int, open, close rune) int {
	depth := 0
	for ; i >= 0; i-- {
		switch text[i] {
		case close:
			depth++
		case open:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// lazyRegexp compiles expr on first use: the patterns that reword goja's messages are only
// needed once a script has failed, and compiling them all at package initialisation cost every
// hookterm process (the CLI, the TUI and each runner worker) part of a millisecond at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
