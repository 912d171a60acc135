package runner

import (
	"errors"
	"math"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ftoa"
)

// The native JSON paths. goja's JSON.parse goes through encoding/json's token API and its
// JSON.stringify through reflection-free but allocation-heavy code: together about ten times
// slower than Node's. Hooks move JSON both ways on every run (the payload in, the result out)
// and many hooks parse and stringify profiles themselves, so the runner has its own parser
// (JSON text straight to goja values) and serialiser (plain objects, arrays and primitives).
// Anything unusual — a reviver, a replacer, toJSON, a Date, a cycle, a syntax error — falls
// back to goja's own implementation, which then gives the exact standard behaviour and errors.

var errJSONFallback = errors.New("json: not on the fast path")

// The types goja's primitive values export as.
var (
	typeString = reflect.TypeOf("")
	typeBool   = reflect.TypeOf(true)
	typeInt    = reflect.TypeOf(int64(0))
	typeFloat  = reflect.TypeOf(float64(0))
)

// jsonParser turns JSON text into goja values.
type jsonParser struct {
	rt  *goja.Runtime
	s   string
	pos int
	// objectProto is Object.prototype, found when the first object is built.
	objectProto *goja.Object
	// stack holds the elements of the arrays being read, nested arrays above their parents,
	// so that reading an array does not grow a slice of its own.
	stack []any
	// loneSurrogate is set when str declined a string for a lone surrogate escape, which a Go
	// string cannot hold: a value is then read again as UTF-16 (strUTF16).
	loneSurrogate bool
}

// fastParseJSON parses text; any error (including a syntax error) returns errJSONFallback so
// that the caller can let goja produce the standard error.
func fastParseJSON(rt *goja.Runtime, text string) (goja.Value, error) {
	p := jsonParser{rt: rt, s: text}
	v, ok := p.value(0)
	if !ok {
		return nil, errJSONFallback
	}
	p.space()
	if p.pos != len(p.s) {
		return nil, errJSONFallback
	}
	return v, nil
}

func (p *jsonParser) space() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

const maxJSONDepth = 2000

func (p *jsonParser) value(depth int) (goja.Value, bool) {
	if depth > maxJSONDepth {
		return nil, false
	}
	p.space()
	if p.pos >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		start := p.pos
		s, ok := p.str()
		if !ok {
			if !p.loneSurrogate {
				return nil, false
			}
			p.loneSurrogate = false
			p.pos = start
			u, ok := p.strUTF16()
			if !ok {
				return nil, false
			}
			return goja.StringFromUTF16(u), true
		}
		return p.rt.ToValue(s), true
	case c == 't':
		if strings.HasPrefix(p.s[p.pos:], "true") {
			p.pos += 4
			return p.rt.ToValue(true), true
		}
	case c == 'f':
		if strings.HasPrefix(p.s[p.pos:], "false") {
			p.pos += 5
			return p.rt.ToValue(false), true
		}
	case c == 'n':
		if strings.HasPrefix(p.s[p.pos:], "null") {
			p.pos += 4
			return goja.Null(), true
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return nil, false
}

// object reads an object. It is built without a prototype and given Object.prototype once
// complete: goja's Set looks every new key up along the prototype chain first (for a setter
// or a read-only property), which costs about a quarter of building the object, and JSON.parse
// defines its properties without that lookup anyway. A "__proto__" key thus also becomes an
// own data property, as JSON.parse makes it, not a change of prototype.
func (p *jsonParser) object(depth int) (goja.Value, bool) {
	p.pos++ // {
	if p.objectProto == nil {
		p.objectProto = p.rt.NewObject().Prototype()
	}
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '}' {
		p.pos++
		return p.rt.CreateObject(p.objectProto), true
	}
	obj := p.rt.CreateObject(nil)
	for {
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != '"' {
			return nil, false
		}
		k, ok := p.str()
		if !ok {
			return nil, false
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return nil, false
		}
		p.pos++
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		// A duplicate key replaces the value in place: the last one wins and the property
		// keeps its first position, as in JSON.parse.
		if err := obj.Set(k, v); err != nil {
			return nil, false
		}
		p.space()
		if p.pos >= len(p.s) {
			return nil, false
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			if err := obj.SetPrototype(p.objectProto); err != nil {
				return nil, false
			}
			return obj, true
		default:
			return nil, false
		}
	}
}

func (p *jsonParser) array(depth int) (goja.Value, bool) {
	p.pos++ // [
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == ']' {
		p.pos++
		return p.rt.NewArray(), true
	}
	base := len(p.stack)
	defer func() {
		clear(p.stack[base:]) // drop the references, the values may be garbage soon
		p.stack = p.stack[:base]
	}()
	for {
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, v)
		p.space()
		if p.pos >= len(p.s) {
			return nil, false
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return p.rt.NewArray(p.stack[base:]...), true
		default:
			return nil, false
		}
	}
}

func (p *jsonParser) number() (goja.Value, bool) {
	start := p.pos
	if p.s[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, false
	}
	if p.s[intStart] == '0' && p.pos-intStart > 1 {
		return nil, false // leading zero
	}
	isInt := true
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
		isInt = false
		if digits() == 0 {
			return nil, false
		}
	}
	if p.pos < len(p.s) && (p.s[p.pos] == 'e' || p.s[p.pos] == 'E') {
		p.pos++
		isInt = false
		if p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	text := p.s[start:p.pos]
	if isInt && len(text) < 16 && text != "-0" {
		n, err := strconv.ParseInt(text, 10, 64)
		if err == nil {
			return p.rt.ToValue(n), true
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, false
	}
	return p.rt.ToValue(f), true
}

// str reads a JSON string at p.pos (which is '"').
func (p *jsonParser) str() (string, bool) {
	p.pos++
	start := p.pos
	// Fast path: no escapes. Eight bytes at a time up to the first that needs a look.
	for p.pos+8 <= len(p.s) {
		m := jsonStrStops(load64(p.s, p.pos), 0)
		if m != 0 {
			p.pos += bits.TrailingZeros64(m) / 8
			break
		}
		p.pos += 8
	}
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if c == '"' {
			s := p.s[start:p.pos]
			p.pos++
			return s, true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", false
		}
		p.pos++
	}
	var b strings.Builder
	b.WriteString(p.s[start:p.pos])
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b.WriteByte(c)
			p.pos++
			continue
		}
		p.pos++
		if p.pos >= len(p.s) {
			return "", false
		}
		e := p.s[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A pair makes one character; a lone surrogate cannot be kept in a Go string.
				if r >= 0xdc00 || !strings.HasPrefix(p.s[p.pos:], `\u`) {
					p.loneSurrogate = true
					return "", false
				}
				p.pos += 2
				r2, ok := p.hex4()
				if !ok {
					return "", false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					p.loneSurrogate = true
					return "", false
				}
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}

// strUTF16 reads a JSON string at p.pos (which is '"') as UTF-16 code units, keeping lone
// surrogates as JSON.parse does. Only strings with a lone surrogate come here.
func (p *jsonParser) strUTF16() ([]uint16, bool) {
	p.pos++
	var u []uint16
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == '"':
			p.pos++
			return u, true
		case c < 0x20:
			return nil, false
		case c < utf8.RuneSelf && c != '\\':
			u = append(u, uint16(c))
			p.pos++
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(p.s[p.pos:])
			p.pos += n
			u = utf16.AppendRune(u, r)
			continue
		}
		p.pos++
		if p.pos >= len(p.s) {
			return nil, false
		}
		e := p.s[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			u = append(u, uint16(e))
		case 'b':
			u = append(u, '\b')
		case 'f':
			u = append(u, '\f')
		case 'n':
			u = append(u, '\n')
		case 'r':
			u = append(u, '\r')
		case 't':
			u = append(u, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return nil, false
			}
			u = append(u, uint16(r))
		default:
			return nil, false
		}
	}
	return nil, false
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.pos:p.pos+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}

// jsonWriter serialises plain goja values as JSON.stringify without arguments does.
type jsonWriter struct {
	b     []byte
	stack []*goja.Object
	rt    *goja.Runtime
	// The prototypes a plain object or array may have on the fast path, found on the first
	// object or array and checked then to hold no toJSON, so that objects need no toJSON
	// lookup through their chain. (Reached through fresh instances: naming the Object and
	// Array constructors would build them, goja creates its built-ins lazily.)
	objectProto, arrayProto *goja.Object
}

// plainProto reports whether o has the standard prototype for its class, which holds no
// toJSON.
func (w *jsonWriter) plainProto(o *goja.Object, isArray bool) bool {
	want := &w.objectProto
	if isArray {
		want = &w.arrayProto
	}
	if *want == nil {
		var p *goja.Object
		if isArray {
			p = w.rt.NewArray().Prototype()
		} else {
			p = w.rt.NewObject().Prototype()
		}
		if p == nil || hasToJSON(p) {
			return false
		}
		*want = p
	}
	return o.Prototype() == *want
}

// fastStringify returns the JSON text of v, "" for a value JSON.stringify maps to undefined,
// or errJSONFallback when v needs the standard algorithm (toJSON, special objects, cycles) —
// including when reading a property throws: the standard path then throws it properly.
func fastStringify(rt *goja.Runtime, v goja.Value) (out string, undefined bool, err error) {
	return fastStringifySized(rt, v, 0)
}

// fastStringifySized is fastStringify writing into a buffer of sizeHint bytes to begin with:
// a hook that serialises documents of one size again and again (the previous output's length
// is the hint) then allocates its text once instead of growing it through a dozen copies.
func fastStringifySized(rt *goja.Runtime, v goja.Value, sizeHint int) (out string, undefined bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, undefined, err = "", false, errJSONFallback
		}
	}()
	w := jsonWriter{b: make([]byte, 0, max(sizeHint+sizeHint/8, 256)), rt: rt}
	written, ok := w.value(v)
	if !ok {
		return "", false, errJSONFallback
	}
	if !written {
		return "", true, nil
	}
	if len(w.b) < cap(w.b)/2 {
		// Mostly unused (a smaller document than the hint): a copy of the right size, so
		// that the string does not keep the whole buffer alive.
		return string(w.b), false, nil
	}
	// The buffer is not written again: the string can share it instead of copying it.
	return unsafe.String(unsafe.SliceData(w.b), len(w.b)), false, nil
}

// value writes v; written is false for undefined, functions and symbols (which JSON.stringify
// skips in objects and writes as null in arrays); ok false means fall back.
func (w *jsonWriter) value(v goja.Value) (written, ok bool) {
	if v == nil || goja.IsUndefined(v) {
		return false, true
	}
	if goja.IsNull(v) {
		w.b = append(w.b, "null"...)
		return true, true
	}
	if o, isObj := v.(*goja.Object); isObj {
		return w.object(o)
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		return false, true
	}
	// ExportType, unlike Export, does not box the value: serialising a large document
	// allocates nothing per primitive.
	switch v.ExportType() {
	case typeString:
		if !w.str(v.String()) {
			return false, false
		}
	case typeBool:
		w.b = strconv.AppendBool(w.b, v.ToBoolean())
	case typeInt:
		w.b = strconv.AppendInt(w.b, v.ToInteger(), 10)
	case typeFloat:
		if f := v.ToFloat(); math.IsNaN(f) || math.IsInf(f, 0) {
			w.b = append(w.b, "null"...)
		} else {
			// What v.String() gives (goja's Number-to-String), appended without a string.
			w.b = ftoa.FToStr(f, ftoa.ModeStandard, 0, w.b)
		}
	default:
		return false, false // BigInt and anything else: the standard path decides
	}
	return true, true
}

func (w *jsonWriter) object(o *goja.Object) (written, ok bool) {
	cls := o.ClassName()
	if cls == "Function" {
		return false, true
	}
	if cls != "Object" && cls != "Array" {
		return false, false
	}
	if len(w.stack) > 1000 {
		return false, false
	}
	for _, s := range w.stack {
		if s == o {
			return false, false // a cycle: the standard path throws its TypeError
		}
	}
	// Objects with another prototype (class instances, null-prototype objects) may inherit a
	// toJSON: the standard path handles them.
	if !w.plainProto(o, cls == "Array") {
		return false, false
	}
	w.stack = append(w.stack, o)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	if cls == "Array" {
		n := o.Get("length").ToInteger()
		w.b = append(w.b, '[')
		for i := int64(0); i < n; i++ {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			written, ok := w.value(o.Get(indexKey(i)))
			if !ok {
				return false, false
			}
			if !written {
				w.b = append(w.b, "null"...)
			}
		}
		w.b = append(w.b, ']')
		return true, true
	}
	w.b = append(w.b, '{')
	first := true
	for _, k := range o.Keys() {
		if k == "toJSON" {
			return false, false
		}
		mark := len(w.b)
		if !first {
			w.b = append(w.b, ',')
		}
		if !w.str(k) {
			return false, false
		}
		w.b = append(w.b, ':')
		written, ok := w.value(o.Get(k))
		if !ok {
			return false, false
		}
		if !written {
			w.b = w.b[:mark]
			continue
		}
		first = false
	}
	w.b = append(w.b, '}')
	return true, true
}

// str writes s quoted as JSON.stringify does: only '"', '\' and control characters are
// escaped (not '<', '>', '&' or U+2028 as encoding/json would). It returns false for a string
// holding U+FFFD: goja gives a JavaScript string as a Go string with its lone surrogates
// replaced by U+FFFD, where JSON.stringify writes them as \uXXXX escapes, so such a string (or
// one with a real U+FFFD, which cannot be told apart here) goes to the standard path.
func (w *jsonWriter) str(s string) bool {
	w.b = append(w.b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		// Eight bytes at a time up to the first that needs a look.
		for i+8 <= len(s) {
			m := jsonStrStops(load64(s, i), 0xef)
			if m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xef {
			continue
		}
		if c == 0xef {
			if strings.HasPrefix(s[i:], "\uFFFD") {
				return false
			}
			continue
		}
		w.b = append(w.b, s[start:i]...)
		switch c {
		case '"':
			w.b = append(w.b, '\\', '"')
		case '\\':
			w.b = append(w.b, '\\', '\\')
		case '\n':
			w.b = append(w.b, '\\', 'n')
		case '\r':
			w.b = append(w.b, '\\', 'r')
		case '\t':
			w.b = append(w.b, '\\', 't')
		case '\b':
			w.b = append(w.b, '\\', 'b')
		case '\f':
			w.b = append(w.b, '\\', 'f')
		default:
			const hex = "0123456789abcdef"
			w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	w.b = append(w.b, s[start:]...)
	w.b = append(w.b, '"')
	return true
}

// load64 reads the eight bytes of s at i as a little-endian number (the compiler makes this
// one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// jsonStrStops looks at eight bytes of a string at once for the ones its reader or writer
// must stop at: '"', '\', control characters and, unless it is 0, the byte extra. It returns
// a mask with the high bit set in each such byte; only the lowest flagged byte is certain (a
// borrow may flag bytes above it), which is the one the callers go to.
func jsonStrStops(x uint64, extra byte) uint64 {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lsb * '"')
	b := x ^ (lsb * '\\')
	m := (q - lsb) &^ q
	m |= (b - lsb) &^ b
	m |= (x - lsb*0x20) &^ x // bytes below 0x20
	if extra != 0 {
		e := x ^ (lsb * uint64(extra))
		m |= (e - lsb) &^ e
	}
	return m & msb
}

func hasToJSON(o *goja.Object) bool {
	v := o.Get("toJSON")
	return v != nil && !goja.IsUndefined(v)
}

// installFastJSON replaces JSON.parse and JSON.stringify with the native paths, falling back
// to goja's originals for every case the fast paths do not cover.
func installFastJSON(rt *goja.Runtime) {
	j := rt.Get("JSON").ToObject(rt)
	origParse, _ := goja.AssertFunction(j.Get("parse"))
	origStringify, _ := goja.AssertFunction(j.Get("stringify"))
	parse := func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 1 {
			if text, ok := call.Arguments[0].Export().(string); ok {
				if v, err := fastParseJSON(rt, text); err == nil {
					return v
				}
			}
		}
		v, err := origParse(j, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
	// The length of the last text stringify wrote: the size of the next one's buffer.
	lastLen := 0
	stringify := func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 1 || (len(call.Arguments) > 1 && goja.IsUndefined(call.Arguments[1]) && (len(call.Arguments) < 3 || goja.IsUndefined(call.Arguments[2]))) {
			s, undef, err := fastStringifySized(rt, call.Arguments[0], lastLen)
			if err == nil {
				lastLen = len(s)
				if undef {
					return goja.Undefined()
				}
				return rt.ToValue(s)
			}
		}
		v, err := origStringify(j, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
	pf := rt.ToValue(parse).ToObject(rt)
	sf := rt.ToValue(stringify).ToObject(rt)
	// name and length as the standard functions have them (JSON.parse(text, reviver),
	// JSON.stringify(value, replacer, space)).
	_ = pf.DefineDataProperty("name", rt.ToValue("parse"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = sf.DefineDataProperty("name", rt.ToValue("stringify"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = pf.DefineDataProperty("length", rt.ToValue(2), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = sf.DefineDataProperty("length", rt.ToValue(3), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = j.DefineDataProperty("parse", pf, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = j.DefineDataProperty("stringify", sf, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// indexKeys are the property names of the first array indexes, so that serialising an array
// does not format every index anew.
var indexKeys = func() [1024]string {
	var t [1024]string
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

func indexKey(i int64) string {
	if i < int64(len(indexKeys)) {
		return indexKeys[i]
	}
	return strconv.FormatInt(i, 10)
}
