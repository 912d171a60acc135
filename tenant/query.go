package tenant

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The log search query language is the subset of Auth0's Lucene syntax that hookterm and the
// Auth0 CLI use (contract §4.1): field:value, field:"exact value", * wildcards, ranges
// [a TO b] / {a TO b} with * for an open end, AND / OR / NOT (and a leading -), parentheses,
// and bare terms. Terms next to each other are ANDed. Fields are case sensitive and matched
// whole, as on Auth0 (not tokenised).

// queryColumn maps a searchable field to its column.
func queryColumn(field string) (string, bool) {
	switch field {
	case "type", "log_id", "date", "client_id", "client_name", "user_id", "user_name", "description",
		"connection", "ip", "user_agent", "hook_id":
		return field, true
	case "_id":
		return "log_id", true
	case "details.hook_id":
		return "hook_id", true
	}
	return "", false
}

// bareColumns are searched by a term without a field.
func bareColumns() []string {
	return []string{"client_name", "connection", "description", "ip", "log_id", "type", "user_name"}
}

type qlexer struct {
	s   string
	pos int
}

type qtoken struct {
	kind string // "word", "quoted", "(", ")", "[", "]", "{", "}", ":", "-", "eof"
	text string
}

func (l *qlexer) next() (qtoken, error) {
	for l.pos < len(l.s) && unicode.IsSpace(rune(l.s[l.pos])) {
		l.pos++
	}
	if l.pos >= len(l.s) {
		return qtoken{kind: "eof"}, nil
	}
	c := l.s[l.pos]
	switch c {
	case '(', ')', '[', ']', '{', '}', ':':
		l.pos++
		return qtoken{kind: string(c)}, nil
	case '-':
		if l.pos == 0 || unicode.IsSpace(rune(l.s[l.pos-1])) || l.s[l.pos-1] == '(' {
			l.pos++
			return qtoken{kind: "-"}, nil
		}
	case '"':
		var b strings.Builder
		l.pos++
		for l.pos < len(l.s) {
			c := l.s[l.pos]
			if c == '\\' && l.pos+1 < len(l.s) {
				b.WriteByte(l.s[l.pos+1])
				l.pos += 2
				continue
			}
			if c == '"' {
				l.pos++
				return qtoken{kind: "quoted", text: b.String()}, nil
			}
			b.WriteByte(c)
			l.pos++
		}
		return qtoken{}, errors.New("unterminated quoted value")
	}
	start := l.pos
	var b strings.Builder
	for l.pos < len(l.s) {
		c := l.s[l.pos]
		if c == '\\' && l.pos+1 < len(l.s) {
			b.WriteByte(l.s[l.pos+1])
			l.pos += 2
			continue
		}
		if unicode.IsSpace(rune(c)) || strings.ContainsRune("()[]{}\":", rune(c)) {
			break
		}
		b.WriteByte(c)
		l.pos++
	}
	if l.pos == start {
		return qtoken{}, fmt.Errorf("unexpected %q at %d", c, start)
	}
	return qtoken{kind: "word", text: b.String()}, nil
}

type qparser struct {
	toks []qtoken
	i    int
	args []any
}

func (p *qparser) peek() qtoken { return p.toks[p.i] }
func (p *qparser) take() qtoken {
	t := p.toks[p.i]
	if t.kind != "eof" {
		p.i++
	}
	return t
}

// compileLogQuery turns q into an SQL condition over the logs table and its arguments.
func compileLogQuery(q string) (string, []any, error) {
	if strings.TrimSpace(q) == "" {
		return "", nil, nil
	}
	l := &qlexer{s: q}
	var toks []qtoken
	for {
		t, err := l.next()
		if err != nil {
			return "", nil, err
		}
		toks = append(toks, t)
		if t.kind == "eof" {
			break
		}
	}
	p := &qparser{toks: toks}
	cond, err := p.or()
	if err != nil {
		return "", nil, err
	}
	if t := p.peek(); t.kind != "eof" {
		return "", nil, fmt.Errorf("unexpected %s", describe(t))
	}
	return cond, p.args, nil
}

func describe(t qtoken) string {
	if t.kind == "word" || t.kind == "quoted" {
		return fmt.Sprintf("%q", t.text)
	}
	if t.kind == "eof" {
		return "end of query"
	}
	return fmt.Sprintf("%q", t.kind)
}

func (p *qparser) or() (string, error) {
	left, err := p.and()
	if err != nil {
		return "", err
	}
	for p.peek().kind == "word" && p.peek().text == "OR" {
		p.take()
		right, err := p.and()
		if err != nil {
			return "", err
		}
		left = "(" + left + " OR " + right + ")"
	}
	return left, nil
}

func (p *qparser) and() (string, error) {
	left, err := p.not()
	if err != nil {
		return "", err
	}
	for {
		t := p.peek()
		if t.kind == "eof" || t.kind == ")" || (t.kind == "word" && t.text == "OR") {
			return left, nil
		}
		if t.kind == "word" && t.text == "AND" {
			p.take()
		}
		right, err := p.not()
		if err != nil {
			return "", err
		}
		left = "(" + left + " AND " + right + ")"
	}
}

func (p *qparser) not() (string, error) {
	t := p.peek()
	if t.kind == "-" || (t.kind == "word" && t.text == "NOT") {
		p.take()
		inner, err := p.not()
		if err != nil {
			return "", err
		}
		return "(NOT " + inner + ")", nil
	}
	return p.primary()
}

func (p *qparser) primary() (string, error) {
	t := p.take()
	switch t.kind {
	case "(":
		inner, err := p.or()
		if err != nil {
			return "", err
		}
		if c := p.take(); c.kind != ")" {
			return "", fmt.Errorf("expected ) but found %s", describe(c))
		}
		return inner, nil
	case "quoted":
		return p.bare(t.text, true), nil
	case "word":
		if p.peek().kind != ":" {
			return p.bare(t.text, false), nil
		}
		p.take()
		col, ok := queryColumn(t.text)
		if !ok {
			return "", fmt.Errorf("unknown field %q", t.text)
		}
		return p.value(col)
	}
	return "", fmt.Errorf("unexpected %s", describe(t))
}

// value compiles the part after "field:".
func (p *qparser) value(col string) (string, error) {
	t := p.take()
	switch t.kind {
	case "quoted":
		p.args = append(p.args, t.text)
		return col + " = ?", nil
	case "word":
		return p.match(col, t.text), nil
	case "[", "{":
		lo := p.take()
		to := p.take()
		hi := p.take()
		end := p.take()
		if (lo.kind != "word" && lo.kind != "quoted") || to.kind != "word" || to.text != "TO" ||
			(hi.kind != "word" && hi.kind != "quoted") || (end.kind != "]" && end.kind != "}") {
			return "", errors.New("a range is [from TO to] or {from TO to}")
		}
		var parts []string
		if !(lo.kind == "word" && lo.text == "*") {
			op := " >= ?"
			if t.kind == "{" {
				op = " > ?"
			}
			parts = append(parts, col+op)
			p.args = append(p.args, lo.text)
		}
		if !(hi.kind == "word" && hi.text == "*") {
			op := " <= ?"
			if end.kind == "}" {
				op = " < ?"
			}
			parts = append(parts, col+op)
			p.args = append(p.args, hi.text)
		}
		if len(parts) == 0 {
			return "1", nil
		}
		return "(" + strings.Join(parts, " AND ") + ")", nil
	}
	return "", fmt.Errorf("expected a value but found %s", describe(t))
}

// match is an exact comparison, or a case-sensitive GLOB when the value has * wildcards.
func (p *qparser) match(col, v string) string {
	if v == "*" {
		return col + " <> ''"
	}
	if !strings.Contains(v, "*") {
		p.args = append(p.args, v)
		return col + " = ?"
	}
	p.args = append(p.args, globPattern(v))
	return col + " GLOB ?"
}

// globPattern escapes GLOB's own specials and keeps * as the wildcard.
func globPattern(v string) string {
	var b strings.Builder
	for _, c := range v {
		switch c {
		case '?', '[', ']':
			b.WriteString("[" + string(c) + "]")
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// bare searches the bare-term columns; description matches inside its text.
func (p *qparser) bare(v string, quoted bool) string {
	var parts []string
	for _, col := range bareColumns() {
		if col == "description" {
			p.args = append(p.args, "*"+globPattern(strings.ReplaceAll(v, "*", ""))+"*")
			parts = append(parts, col+" GLOB ?")
			continue
		}
		if quoted {
			p.args = append(p.args, v)
			parts = append(parts, col+" = ?")
			continue
		}
		parts = append(parts, p.match(col, v))
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}
