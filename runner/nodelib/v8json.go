package nodelib

import (
	"strconv"
	"unicode/utf16"
)

// V8JSONParseError returns the message V8 (Node 20) gives the SyntaxError JSON.parse throws
// for src, or "" when src is valid JSON. goja's JSON.parse reports Go's encoding/json
// wording ("invalid character '}' looking for beginning of value"); a runner that parses
// natively can use this to throw what a hook would have seen at Auth0. It follows V8's
// json-parser.cc: which construct is expected decides the wording, positions count UTF-16
// code units, and "Unexpected token" messages quote up to 10 characters around the error
// in sources of 21 or more.
func V8JSONParseError(src string) (msg string) {
	switch src {
	case "NaN", "Infinity", "undefined", "[object Object]":
		return `"` + src + `" is not valid JSON`
	}
	p := &v8JSONParser{s: utf16.Encode([]rune(src))}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(v8JSONError); ok {
				msg = string(e)
				return
			}
			panic(r)
		}
	}()
	p.value()
	p.ws()
	if p.i < len(p.s) {
		panic(v8JSONError("Unexpected non-whitespace character after JSON at position " + strconv.Itoa(p.i)))
	}
	return ""
}

type v8JSONError string

type v8JSONParser struct {
	s []uint16
	i int
}

func (p *v8JSONParser) fail(msg string) {
	panic(v8JSONError(msg + " in JSON at position " + strconv.Itoa(p.i)))
}

func (p *v8JSONParser) eos() { panic(v8JSONError("Unexpected end of JSON input")) }

// unexpected reports the character at the cursor as V8's ReportUnexpectedToken does.
func (p *v8JSONParser) unexpected() {
	if p.i >= len(p.s) {
		p.eos()
	}
	c := p.s[p.i]
	switch {
	case c == '"':
		p.fail("Unexpected string")
	case c == '-' || (c >= '0' && c <= '9'):
		p.fail("Unexpected number")
	}
	const ctx = 10
	n := len(p.s)
	token := string(utf16.Decode(p.s[p.i : p.i+1]))
	if n < 2*ctx+1 {
		panic(v8JSONError("Unexpected token '" + token + "', \"" + string(utf16.Decode(p.s)) + "\" is not valid JSON"))
	}
	var excerpt string
	switch pos := p.i; {
	case pos < ctx:
		excerpt = "\"" + string(utf16.Decode(p.s[:pos+ctx])) + "\"..."
	case pos < n-ctx:
		excerpt = "...\"" + string(utf16.Decode(p.s[pos-ctx:pos+ctx])) + "\"..."
	default:
		excerpt = "...\"" + string(utf16.Decode(p.s[pos-ctx:])) + "\""
	}
	panic(v8JSONError("Unexpected token '" + token + "', " + excerpt + " is not valid JSON"))
}

func (p *v8JSONParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *v8JSONParser) peek() (uint16, bool) {
	if p.i < len(p.s) {
		return p.s[p.i], true
	}
	return 0, false
}

func (p *v8JSONParser) value() {
	p.ws()
	c, ok := p.peek()
	if !ok {
		p.eos()
	}
	switch {
	case c == '"':
		p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		p.number()
	case c == '{':
		p.object()
	case c == '[':
		p.array()
	case c == 't':
		p.literal("true")
	case c == 'f':
		p.literal("false")
	case c == 'n':
		p.literal("null")
	default:
		p.unexpected()
	}
}

func (p *v8JSONParser) literal(word string) {
	for k := 0; k < len(word); k++ {
		c, ok := p.peek()
		if !ok {
			p.eos()
		}
		if c != uint16(word[k]) {
			p.unexpected()
		}
		p.i++
	}
}

func (p *v8JSONParser) str() {
	p.i++ // opening quote
	for {
		c, ok := p.peek()
		if !ok {
			p.fail("Unterminated string")
		}
		switch {
		case c == '"':
			p.i++
			return
		case c < 0x20:
			p.fail("Bad control character in string literal")
		case c == '\\':
			p.i++
			e, ok := p.peek()
			if !ok {
				p.eos()
			}
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				p.i++
				for k := 0; k < 4; k++ {
					h, ok := p.peek()
					if !ok {
						p.eos()
					}
					if !isHex16(h) {
						p.fail("Bad Unicode escape")
					}
					p.i++
				}
			default:
				p.fail("Bad escaped character")
			}
		default:
			p.i++
		}
	}
}

func isHex16(c uint16) bool { return c < 128 && isHex(byte(c)) }

func isDigit16(c uint16, ok bool) bool { return ok && c >= '0' && c <= '9' }

func (p *v8JSONParser) number() {
	if c, _ := p.peek(); c == '-' {
		p.i++
		if !isDigit16(p.peek()) {
			p.fail("No number after minus sign")
		}
	}
	if c, _ := p.peek(); c == '0' {
		p.i++
		if isDigit16(p.peek()) {
			p.fail("Unexpected number")
		}
	} else {
		for isDigit16(p.peek()) {
			p.i++
		}
	}
	if c, ok := p.peek(); ok && c == '.' {
		p.i++
		if !isDigit16(p.peek()) {
			p.fail("Unterminated fractional number")
		}
		for isDigit16(p.peek()) {
			p.i++
		}
	}
	if c, ok := p.peek(); ok && (c == 'e' || c == 'E') {
		p.i++
		if c, ok := p.peek(); ok && (c == '+' || c == '-') {
			p.i++
		}
		if !isDigit16(p.peek()) {
			p.fail("Exponent part is missing a number")
		}
		for isDigit16(p.peek()) {
			p.i++
		}
	}
}

func (p *v8JSONParser) object() {
	p.i++
	p.ws()
	if c, ok := p.peek(); ok && c == '}' {
		p.i++
		return
	}
	if c, ok := p.peek(); !ok || c != '"' {
		p.fail("Expected property name or '}'")
	}
	for {
		p.str()
		p.ws()
		if c, ok := p.peek(); !ok || c != ':' {
			p.fail("Expected ':' after property name")
		}
		p.i++
		p.value()
		p.ws()
		c, ok := p.peek()
		switch {
		case ok && c == ',':
			p.i++
			p.ws()
			if c, ok := p.peek(); !ok || c != '"' {
				p.fail("Expected double-quoted property name")
			}
		case ok && c == '}':
			p.i++
			return
		default:
			p.fail("Expected ',' or '}' after property value")
		}
	}
}

func (p *v8JSONParser) array() {
	p.i++
	p.ws()
	if c, ok := p.peek(); ok && c == ']' {
		p.i++
		return
	}
	for {
		p.value()
		p.ws()
		c, ok := p.peek()
		switch {
		case ok && c == ',':
			p.i++
		case ok && c == ']':
			p.i++
			return
		default:
			p.fail("Expected ',' or ']' after array element")
		}
	}
}
