package editor

// lexState is what a line starts inside of, as far as JavaScript constructs that span lines
// go: nothing, a block comment, or a template literal (with how many `${` are open in it).
// It is computed by a small scanner that is far faster than chroma, so that after an edit
// only the lines whose text or start state changed are lexed again with chroma.
type lexState struct {
	mode  uint8 // stateCode, stateComment, stateTemplate
	depth uint8 // template nesting: templates inside ${…} inside templates
}

const (
	stateCode uint8 = iota
	stateComment
	stateTemplate
)

// scanStates returns the start state of every line.
func scanStates(texts []string) []lexState {
	out := make([]lexState, len(texts))
	var st lexState
	// braces counts the `{` open inside the innermost ${…}, so its `}` is told apart.
	var braces [8]int
	for i, t := range texts {
		out[i] = st
		st = scanLine(t, st, &braces)
	}
	return out
}

// scanLine advances st over one line. Strings in quotes end with the line (a backslash
// continuation is rare enough to be drawn wrong until the next line), so only comments and
// templates carry over.
func scanLine(t string, st lexState, braces *[8]int) lexState {
	prev := byte(0) // the last significant character, to tell a regex from a division
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch st.mode {
		case stateComment:
			if c == '*' && i+1 < len(t) && t[i+1] == '/' {
				st.mode = stateCode // back to code, inside a ${…} when depth > 0
				i++
			}
			continue
		case stateTemplate:
			switch c {
			case '\\':
				i++
			case '`':
				// The innermost template ends: back to plain code or to the ${…} around it.
				st.depth--
				st.mode = stateCode
				prev = '`'
			case '$':
				if i+1 < len(t) && t[i+1] == '{' {
					i++
					st.mode = stateCode
					braces[st.depth-1] = 0
					prev = '{'
				}
			}
			continue
		}
		// stateCode
		switch c {
		case ' ', '\t', '\r':
			continue
		case '/':
			if i+1 < len(t) && t[i+1] == '/' {
				return st
			}
			if i+1 < len(t) && t[i+1] == '*' {
				st.mode = stateComment
				i++
				continue
			}
			if regexCanStart(prev) {
				i = skipRegex(t, i)
				prev = '/'
				continue
			}
		case '\'', '"':
			i = skipQuoted(t, i)
		case '`':
			if int(st.depth) < len(braces) {
				st.depth++
				st.mode = stateTemplate
			}
		case '{':
			if st.depth > 0 {
				braces[st.depth-1]++
			}
		case '}':
			if st.depth > 0 {
				if braces[st.depth-1] == 0 {
					st.mode = stateTemplate // the end of a ${…}
				} else {
					braces[st.depth-1]--
				}
			}
		}
		prev = c
	}
	return st
}

// regexCanStart reports whether a `/` after prev starts a regular expression literal.
func regexCanStart(prev byte) bool {
	switch prev {
	case 0, '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^':
		return true
	}
	return false
}

func skipQuoted(t string, i int) int {
	q := t[i]
	for i++; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case q:
			return i
		}
	}
	return len(t)
}

func skipRegex(t string, i int) int {
	inClass := false
	for i++; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return i
			}
		}
	}
	return len(t)
}
