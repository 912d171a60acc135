package nodelib

import (
	"strconv"
	"unicode/utf16"
)

// V8JSONParseError returns the message V8 (Node 20) gives the SyntaxError JSON.parse throws
// for src, or "" when src is valid JSON. goja's JSON.parse reports Go's encoding/json
// wording ("invalid character '}' looking for beginning of value"); a runner that parses
// natively uses this to throw what a hook would have seen at Auth0.
//
// It follows V8's json-parser.cc step by step, because the wording depends on which
// construct the parser expected when it stopped: the first property of an object has its
// own messages, a later one falls back to "Unexpected token"; a literal that breaks off at
// the end is "Unexpected end of JSON input"; positions count UTF-16 code units; "Unexpected
// token" messages quote up to 10 code units either side of the error in sources of 21 or
// more. It keeps its own stack of open containers, so that deep nesting costs memory rather
// than Go stack.
func V8JSONParseError(src string) string {
	p := v8JSONParser{s: utf16.Encode([]rune(src))}
	return p.parse()
}

// v8JSONToken is the class V8 gives one character (one_char_json_tokens).
type v8JSONToken uint8

const (
	v8TokIllegal v8JSONToken = iota
	v8TokEOS
	v8TokString
	v8TokNumber
	v8TokLBrace
	v8TokRBrace
	v8TokLBrack
	v8TokRBrack
	v8TokColon
	v8TokComma
	v8TokTrue
	v8TokFalse
	v8TokNull
	v8TokWhitespace
)

// v8EOS stands for the character past the end, as V8's kEndOfString.
const v8EOS = -1

// The messages that name a position (MessageTemplate's kJsonParse… entries).
const (
	v8MsgNoMessage             = ""
	v8MsgExpectedPropOrRBrace  = "Expected property name or '}' in JSON"
	v8MsgExpectedColon         = "Expected ':' after property name in JSON"
	v8MsgExpectedCommaOrRBrace = "Expected ',' or '}' after property value in JSON"
	v8MsgExpectedCommaOrRBrack = "Expected ',' or ']' after array element in JSON"
	v8MsgExpectedQuotedProp    = "Expected double-quoted property name in JSON"
	v8MsgNonWhitespace         = "Unexpected non-whitespace character after JSON"
	v8MsgUnterminatedString    = "Unterminated string in JSON"
	v8MsgBadControl            = "Bad control character in string literal in JSON"
	v8MsgBadEscape             = "Bad escaped character in JSON"
	v8MsgBadUnicodeEscape      = "Bad Unicode escape in JSON"
	v8MsgNoNumberAfterMinus    = "No number after minus sign in JSON"
	v8MsgUnterminatedFraction  = "Unterminated fractional number in JSON"
	v8MsgExponentMissing       = "Exponent part is missing a number in JSON"
)

func v8TokenOf(c int) v8JSONToken {
	switch {
	case c == v8EOS:
		return v8TokEOS
	case c == '"':
		return v8TokString
	case c == '-' || (c >= '0' && c <= '9'):
		return v8TokNumber
	}
	switch c {
	case '{':
		return v8TokLBrace
	case '}':
		return v8TokRBrace
	case '[':
		return v8TokLBrack
	case ']':
		return v8TokRBrack
	case ':':
		return v8TokColon
	case ',':
		return v8TokComma
	case 't':
		return v8TokTrue
	case 'f':
		return v8TokFalse
	case 'n':
		return v8TokNull
	case ' ', '\t', '\n', '\r':
		return v8TokWhitespace
	}
	return v8TokIllegal
}

type v8JSONParser struct {
	s   []uint16
	i   int
	msg string // the error, once one is found
}

func (p *v8JSONParser) cur() int {
	if p.i < len(p.s) {
		return int(p.s[p.i])
	}
	return v8EOS
}

// next advances and returns the new current character (V8's NextCharacter).
func (p *v8JSONParser) next() int {
	p.i++
	return p.cur()
}

func (p *v8JSONParser) skipWhitespace() {
	for p.i < len(p.s) && v8TokenOf(int(p.s[p.i])) == v8TokWhitespace {
		p.i++
	}
}

func (p *v8JSONParser) peek() v8JSONToken { return v8TokenOf(p.cur()) }

// check skips whitespace and consumes tok if it is next.
func (p *v8JSONParser) check(tok v8JSONToken) bool {
	p.skipWhitespace()
	if p.peek() == tok {
		p.i++
		return true
	}
	return false
}

// expect consumes tok or reports what is there instead (with msg when V8 names one).
func (p *v8JSONParser) expect(tok v8JSONToken, msg string) bool {
	if p.peek() == tok {
		p.i++
		return true
	}
	p.report(p.peek(), msg)
	return false
}

func (p *v8JSONParser) expectNext(tok v8JSONToken, msg string) bool {
	p.skipWhitespace()
	return p.expect(tok, msg)
}

// report records the error at the cursor as ReportUnexpectedToken does: a named message
// wins; otherwise the token at the cursor decides.
func (p *v8JSONParser) report(tok v8JSONToken, msg string) {
	pos := strconv.Itoa(p.i)
	switch {
	case msg != v8MsgNoMessage:
		p.msg = msg + " at position " + pos
	case tok == v8TokEOS:
		p.msg = "Unexpected end of JSON input"
	case tok == v8TokNumber:
		p.msg = "Unexpected number in JSON at position " + pos
	case tok == v8TokString:
		p.msg = "Unexpected string in JSON at position " + pos
	default:
		p.msg = p.unexpectedToken()
	}
}

// reportChar is ReportUnexpectedCharacter: characters beyond Latin-1 are always illegal.
func (p *v8JSONParser) reportChar(c int) {
	tok := v8TokIllegal
	if c <= 0xff {
		tok = v8TokenOf(c)
	}
	p.report(tok, v8MsgNoMessage)
}

// unexpectedToken quotes the character at the cursor and, for longer sources, the text
// around it.
func (p *v8JSONParser) unexpectedToken() string {
	n := len(p.s)
	whole := string(utf16.Decode(p.s))
	switch whole {
	case "NaN", "Infinity", "undefined", "[object Object]":
		return `"` + whole + `" is not valid JSON`
	}
	const context = 10
	token := "'" + string(utf16.Decode(p.s[p.i:p.i+1])) + "', "
	pos := p.i
	switch {
	case n < 2*context+1:
		return "Unexpected token " + token + `"` + whole + `" is not valid JSON`
	case pos < context:
		return "Unexpected token " + token + `"` + string(utf16.Decode(p.s[:pos+context])) + `"... is not valid JSON`
	case pos < n-context:
		return "Unexpected token " + token + `..."` + string(utf16.Decode(p.s[pos-context:pos+context])) + `"... is not valid JSON`
	default:
		return "Unexpected token " + token + `..."` + string(utf16.Decode(p.s[pos-context:])) + `" is not valid JSON`
	}
}

// parse runs V8's iterative value parser: open containers wait on a stack.
func (p *v8JSONParser) parse() string {
	var open []v8JSONToken // v8TokLBrace or v8TokLBrack
	for {
		if !p.value(&open) {
			return p.msg
		}
		// A value is complete: close containers until one wants another value.
		for {
			if len(open) == 0 {
				p.skipWhitespace()
				if p.peek() != v8TokEOS {
					p.report(p.peek(), v8MsgNonWhitespace)
					return p.msg
				}
				return ""
			}
			if open[len(open)-1] == v8TokLBrack {
				if p.check(v8TokComma) {
					break
				}
				if !p.expect(v8TokRBrack, v8MsgExpectedCommaOrRBrack) {
					return p.msg
				}
			} else {
				if p.check(v8TokComma) {
					if !p.expectNext(v8TokString, v8MsgExpectedQuotedProp) || !p.str() ||
						!p.expectNext(v8TokColon, v8MsgNoMessage) {
						return p.msg
					}
					break
				}
				if !p.expect(v8TokRBrace, v8MsgExpectedCommaOrRBrace) {
					return p.msg
				}
			}
			open = open[:len(open)-1]
		}
	}
}

// value parses one value, or opens a container (pushed on open) whose first member
// comes next; it reports false on an error.
func (p *v8JSONParser) value(open *[]v8JSONToken) bool {
	for {
		p.skipWhitespace()
		switch p.peek() {
		case v8TokString:
			p.i++
			return p.str()
		case v8TokNumber:
			return p.number()
		case v8TokTrue:
			return p.literal("true")
		case v8TokFalse:
			return p.literal("false")
		case v8TokNull:
			return p.literal("null")
		case v8TokLBrace:
			p.i++
			if p.check(v8TokRBrace) {
				return true
			}
			if !p.expectNext(v8TokString, v8MsgExpectedPropOrRBrace) || !p.str() ||
				!p.expectNext(v8TokColon, v8MsgExpectedColon) {
				return false
			}
			*open = append(*open, v8TokLBrace)
		case v8TokLBrack:
			p.i++
			if p.check(v8TokRBrack) {
				return true
			}
			*open = append(*open, v8TokLBrack)
		default:
			p.reportChar(p.cur())
			return false
		}
	}
}

// literal is ScanLiteral: the first character is already known to match.
func (p *v8JSONParser) literal(word string) bool {
	for k := 1; k < len(word); k++ {
		if c := p.next(); c != int(word[k]) {
			p.reportChar(c)
			return false
		}
	}
	p.i++
	return true
}

// str scans a string whose opening quote is consumed.
func (p *v8JSONParser) str() bool {
	for {
		c := p.cur()
		switch {
		case c == v8EOS:
			p.report(v8TokIllegal, v8MsgUnterminatedString)
			return false
		case c == '"':
			p.i++
			return true
		case c == '\\':
			e := p.next()
			if e < 0 || e > 0xff {
				p.reportChar(e)
				return false
			}
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					if h := p.next(); h < 0 || h >= 128 || !isHex(byte(h)) {
						p.report(v8TokIllegal, v8MsgBadUnicodeEscape)
						return false
					}
				}
			default:
				p.report(v8TokIllegal, v8MsgBadEscape)
				return false
			}
			p.i++
		case c < 0x20:
			p.report(v8TokIllegal, v8MsgBadControl)
			return false
		default:
			p.i++
		}
	}
}

func isDigitChar(c int) bool { return c >= '0' && c <= '9' }

// number is ParseJsonNumber's validation.
func (p *v8JSONParser) number() bool {
	c := p.cur()
	if c == '-' {
		c = p.next()
	}
	if c == '0' {
		if c = p.next(); isDigitChar(c) {
			p.report(v8TokNumber, v8MsgNoMessage)
			return false
		}
	} else {
		if !isDigitChar(c) {
			p.report(v8TokIllegal, v8MsgNoNumberAfterMinus)
			return false
		}
		for isDigitChar(c) {
			c = p.next()
		}
	}
	if c == '.' {
		if c = p.next(); !isDigitChar(c) {
			p.report(v8TokIllegal, v8MsgUnterminatedFraction)
			return false
		}
		for isDigitChar(c) {
			c = p.next()
		}
	}
	if c == 'e' || c == 'E' {
		c = p.next()
		if c == '-' || c == '+' {
			c = p.next()
		}
		if !isDigitChar(c) {
			p.report(v8TokIllegal, v8MsgExponentMissing)
			return false
		}
		for isDigitChar(c) {
			c = p.next()
		}
	}
	return true
}
