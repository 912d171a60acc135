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
// (JSON text straight to goja values) and serialiser. The parser declines what it does not
// cover (a reviver, a syntax error, a lone surrogate in a key) and goja's parser then gives
// the standard result or error; parsing runs no script code, so starting over is invisible.
// The serialiser cannot start over (see jsonWriter); it follows JSON.stringify's replacer
// (function or property list) and indentation itself, so that every call has V8's nesting
// limit and cycle message, and goja's serialiser is left only Go values, BigInt objects and
// objects with a lone surrogate in a key.

// errJSONFallback is the parser's answer for a text it leaves to goja's.
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

// jsonWriter serialises goja values as JSON.stringify does, replacer and indentation
// included. It never starts over: once it has read a property (which may run a getter) or
// called a toJSON or the replacer, falling back to goja's JSON.stringify would run them a
// second time. So it follows the standard algorithm itself for toJSON (with the property's
// key), the replacer, boxed primitives, cycles and nesting depth, and hands goja's serialiser
// (Object.MarshalJSON) only the objects whose properties it has not read yet and whose toJSON
// it has already settled: Go values (goja knows their json.Marshaler), BigInt objects (goja
// throws the TypeError), and objects with a key it cannot spell (a lone surrogate). Within
// those, goja applies neither the replacer nor the indentation: a known gap. Map, Set,
// RegExp, Error, proxies... are ordinary objects to JSON.stringify and are written here.
type jsonWriter struct {
	b     []byte
	stack []*goja.Object
	// keys holds, for each object of stack, the key it is written under in the object below
	// it: the circular-structure error names the path as V8's does.
	keys []string
	// onStack holds the stack's objects once it is stackSetFrom deep (nil before).
	onStack map[*goja.Object]struct{}
	rt      *goja.Runtime
	// The standard prototypes of objects and arrays, found on the first object or array
	// (through fresh instances: naming the Object and Array constructors would build them,
	// goja creates its built-ins lazily). When one of them holds no toJSON (objectProtoPlain,
	// arrayProtoPlain), an object with that prototype can only have a toJSON of its own: for
	// an ordinary object, a key in the list that serialising it reads anyway.
	objectProto, arrayProto           *goja.Object
	objectProtoPlain, arrayProtoPlain bool
	protosChecked                     bool

	// JSON.stringify's replacer and space arguments (jsonStringifyOptions).
	opts jsonStringifyOptions
	// indent is a newline and the indentation of the current level, when opts.gap is set.
	indent []byte
	// heavy is the number of levels on the stack that cost V8 more stack (tooDeep).
	heavy int
	// keysOf and getByKey are JavaScript's Object.keys and o[k], for objects with a key that
	// has U+FFFD in its Go form: goja gives Go property names with lone surrogates replaced,
	// so such a key is read from its JavaScript value (built on first need).
	keysOf, getByKey goja.Callable
}

// jsonStringifyOptions are JSON.stringify's replacer and space arguments, read as the standard
// algorithm reads them.
type jsonStringifyOptions struct {
	// replacer is the replacer function, called on every property after its toJSON.
	replacer goja.Callable
	// allow is the replacer array's property list (keys in its order, without repeats), when
	// hasAllow: the keys written for every object that is not an array.
	allow    []string
	hasAllow bool
	// gap is the indentation of one level (at most 10 characters); empty for none.
	gap string
}

// proxyType is the type proxies export as.
var proxyType = reflect.TypeOf(goja.Proxy{})

// maxStringifyDepth is how deeply JSON.stringify nests objects and arrays before it throws
// RangeError: Maximum call stack size exceeded, as V8's serialiser does (its limit is the
// native stack; 4,184 levels under Node 20 on x64 with the default stack, measured by
// bisection). goja's own serialiser has no such limit and takes quadratic time on deep
// nesting (100,000 levels ran out the 20 s time limit), and a result nested deeper than
// 10,000 levels could not even leave the worker (encoding/json's limit).
const maxStringifyDepth = 4184

// stackSetFrom is the nesting depth from which the writer also keeps the objects being
// written in a set: scanning the stack for a cycle would cost depth² on deep nesting.
const stackSetFrom = 32

// typeMap is the type ordinary JavaScript objects export as (proxies and Go values export as
// their own types).
var typeMap = reflect.TypeOf(map[string]any(nil))

// plainProto reports whether o has the standard prototype for objects (or arrays), and that
// prototype holds no toJSON.
func (w *jsonWriter) plainProto(o *goja.Object, isArray bool) bool {
	if !w.protosChecked {
		w.protosChecked = true
		w.objectProto = w.rt.NewObject().Prototype()
		w.arrayProto = w.rt.NewArray().Prototype()
		w.objectProtoPlain = w.objectProto != nil && !hasToJSON(w.objectProto)
		w.arrayProtoPlain = w.arrayProto != nil && !hasToJSON(w.arrayProto)
	}
	if isArray {
		return w.arrayProtoPlain && o.Prototype() == w.arrayProto
	}
	return w.objectProtoPlain && o.Prototype() == w.objectProto
}

// fastStringify returns the JSON text of v as JSON.stringify(v) gives it, or undefined true
// when JSON.stringify gives undefined. err is the JavaScript exception JSON.stringify throws
// (from a getter or a toJSON, a cycle, a BigInt), thrown after the same calls.
func fastStringify(rt *goja.Runtime, v goja.Value) (out string, undefined bool, err error) {
	return fastStringifySized(rt, v, 0)
}

// fastStringifySized is fastStringify writing into a buffer of sizeHint bytes to begin with:
// a hook that serialises documents of one size again and again (the previous output's length
// is the hint) then allocates its text once instead of growing it through a dozen copies.
func fastStringifySized(rt *goja.Runtime, v goja.Value, sizeHint int) (out string, undefined bool, err error) {
	return fastStringifyOpts(rt, v, sizeHint, jsonStringifyOptions{})
}

// fastStringifyOpts is fastStringifySized with JSON.stringify's replacer and space arguments.
func fastStringifyOpts(rt *goja.Runtime, v goja.Value, sizeHint int, opts jsonStringifyOptions) (out string, undefined bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex, ok := r.(*goja.Exception)
			if !ok {
				panic(r) // an interruption or a bug: not a JavaScript exception to report
			}
			out, undefined, err = "", false, ex
		}
	}()
	w := jsonWriter{b: make([]byte, 0, max(sizeHint+sizeHint/8, 256)), rt: rt, opts: opts}
	if opts.gap != "" {
		w.indent = append(make([]byte, 0, 64), '\n')
	}
	written := false
	if opts.replacer != nil {
		// The replacer's first call has a wrapper object {"": value} as its this.
		holder := rt.NewObject()
		if err := holder.DefineDataProperty("", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return "", false, err
		}
		written = w.replaced(holder, v, "")
	} else {
		written = w.value(v, "", true)
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

// value writes v, the value of the property key of its holder, as JSON.stringify's
// SerializeJSONProperty does; toJSON is false for the result of a toJSON call, which is not
// converted again. It returns false for what JSON.stringify leaves out (undefined, functions,
// symbols: skipped in objects, null in arrays). A JavaScript exception panics as a
// *goja.Exception.
func (w *jsonWriter) value(v goja.Value, key string, toJSON bool) bool {
	if v == nil || goja.IsUndefined(v) {
		return false
	}
	if goja.IsNull(v) {
		w.b = append(w.b, "null"...)
		return true
	}
	if o, isObj := v.(*goja.Object); isObj {
		return w.object(o, key, toJSON)
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		return false
	}
	// ExportType, unlike Export, does not box the value: serialising a large document
	// allocates nothing per primitive.
	switch v.ExportType() {
	case typeString:
		if mark := len(w.b); !w.str(v.String()) {
			w.b = w.b[:mark]
			w.strValue(v)
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
		// A BigInt: its toJSON (from BigInt.prototype) if someone defined one, else
		// goja's serialiser throws its TypeError.
		boxed := v.ToObject(w.rt)
		if toJSON {
			if r, called := w.callToJSON(boxed.Get("toJSON"), v, key); called {
				return w.value(r, key, false)
			}
		}
		return w.delegate(boxed)
	}
	return true
}

// callToJSON calls f, when it is a function, on this with the key, as JSON.stringify calls
// toJSON.
func (w *jsonWriter) callToJSON(f goja.Value, this goja.Value, key string) (goja.Value, bool) {
	if f == nil {
		return nil, false
	}
	call, ok := goja.AssertFunction(f)
	if !ok {
		return nil, false
	}
	r, err := call(this, w.rt.ToValue(key))
	if err != nil {
		panic(err)
	}
	return r, true
}

// replaced writes v, the value of the property key of holder, as SerializeJSONProperty does
// with a replacer function: v's toJSON first, then the replacer called on holder with the key
// and that value; what it returns is written without a further toJSON call.
func (w *jsonWriter) replaced(holder *goja.Object, v goja.Value, key string) bool {
	switch x := v.(type) {
	case *goja.Object:
		if r, called := w.callToJSON(x.Get("toJSON"), x, key); called {
			v = r
		}
	default:
		if isBigInt(v) {
			if r, called := w.callToJSON(v.ToObject(w.rt).Get("toJSON"), v, key); called {
				v = r
			}
		}
	}
	if v == nil {
		v = goja.Undefined()
	}
	r, err := w.opts.replacer(holder, w.rt.ToValue(key), v)
	if err != nil {
		panic(err)
	}
	return w.value(r, key, false)
}

// isBigInt reports whether v is a BigInt primitive (what none of the other types is).
func isBigInt(v goja.Value) bool {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return false
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		return false
	}
	switch v.ExportType() {
	case typeString, typeBool, typeInt, typeFloat:
		return false
	}
	return true
}

// prop writes v, the value of the property key of holder.
func (w *jsonWriter) prop(holder *goja.Object, v goja.Value, key string) bool {
	if w.opts.replacer != nil {
		return w.replaced(holder, v, key)
	}
	return w.value(v, key, true)
}

func (w *jsonWriter) object(o *goja.Object, key string, toJSON bool) bool {
	cls := o.ClassName()
	// keys is read first for an ordinary object with the standard prototype: it tells
	// whether the object has a toJSON of its own, and is what serialising it reads anyway.
	var keys []string
	var ownToJSON, oddKey bool
	plain := false
	switch cls {
	case "Object":
		switch et := o.ExportType(); {
		case et == typeMap && w.plainProto(o, false):
			plain = true
			keys = o.Keys()
			ownToJSON, oddKey = scanKeys(keys)
		case et == proxyType:
			// A proxy is written through its traps, as an array when its target is one
			// (IsArray looks through proxies); a revoked one is left to goja, which throws.
			isArr, revoked := proxyIsArray(o)
			if revoked {
				return w.delegate(o)
			}
			if isArr {
				cls = "Array"
			} else {
				cls = "Proxy"
			}
		}
	case "Array":
		plain = w.plainProto(o, true)
	}
	if toJSON {
		var f goja.Value
		if !plain || cls == "Array" || ownToJSON {
			f = o.Get("toJSON")
		}
		if r, called := w.callToJSON(f, o, key); called {
			return w.value(r, key, false)
		}
	}
	switch cls {
	case "Function":
		return false
	case "Number":
		// Number, String and Boolean objects serialise as their primitive values, read as
		// JSON.stringify reads them (ToNumber and ToString may call valueOf and toString).
		return w.value(o.ToNumber(), key, false)
	case "String":
		return w.value(o.ToString(), key, false)
	case "Boolean":
		b, _ := o.Export().(bool)
		w.b = strconv.AppendBool(w.b, b)
		return true
	case "Array":
	case "Object":
		if et := o.ExportType(); et != typeMap && !scriptObjectType(et) {
			// A Go value (goja's serialiser knows its json.Marshaler) or a BigInt object
			// (goja's serialiser throws the BigInt TypeError).
			return w.delegate(o)
		}
		if !plain && !w.opts.hasAllow {
			keys = o.Keys() // an instance of a class, an object without prototype
			_, oddKey = scanKeys(keys)
		}
	default:
		// Map, Set, RegExp, Error, Date without toJSON, a proxy...: ordinary objects to
		// JSON.stringify, which writes their enumerable own properties.
		cls = "Object"
		if !w.opts.hasAllow {
			keys = o.Keys()
			_, oddKey = scanKeys(keys)
		}
	}
	if w.writing(o) {
		panic(w.rt.Try(func() { panic(w.rt.NewTypeError("%s", w.circularMessage(o, key))) }))
	}
	heavy := w.opts.replacer != nil && cls == "Array" || w.opts.hasAllow && cls != "Array"
	if w.tooDeep(heavy) {
		panic(rangeError(w.rt))
	}
	if w.opts.hasAllow {
		keys, oddKey = w.opts.allow, false
	}
	var keyValues []goja.Value
	if oddKey {
		// A key with U+FFFD, which goja gives for a lone surrogate: it may not be the
		// property's name. The keys are read as JavaScript values instead, so that the
		// replacer and the indentation still apply (handing the object to goja's serialiser
		// skipped both, and a replacer that hides a password then let it through).
		keyValues = w.jsKeys(o)
		keys = make([]string, len(keyValues))
		for i, k := range keyValues {
			keys[i] = k.String()
		}
	}
	w.push(o, key)
	if heavy {
		w.heavy++
	}
	if w.opts.gap != "" {
		w.indent = append(w.indent, w.opts.gap...)
	}
	if cls == "Array" {
		w.array(o)
	} else {
		w.members(o, keys, keyValues)
	}
	if w.opts.gap != "" {
		w.indent = w.indent[:len(w.indent)-len(w.opts.gap)]
	}
	if heavy {
		w.heavy--
	}
	w.pop()
	return true
}

// The costs of a level of nesting in V8's serialiser, in thousandths of a plain level: an
// array written with a replacer function and an object written with a property list take
// V8's slow path, which uses more native stack (Node 20 stops at 2,239 and 2,242 levels where
// the other calls stop at 4,184), and a replacer function's call needs a few levels' room
// (objects stop at 4,180). Measured by bisection at a script's top level; deeper in a script
// V8 stops a little earlier, which no fixed limit can follow.
const (
	heavyLevelExtra  = 866
	replacerHeadroom = 4
)

// tooDeep reports whether writing one more level (a heavy one: see heavyLevelExtra) goes past
// the depth at which V8 throws RangeError.
func (w *jsonWriter) tooDeep(heavy bool) bool {
	if w.opts.replacer == nil && !w.opts.hasAllow {
		return len(w.stack) > maxStringifyDepth
	}
	n := w.heavy
	if heavy {
		n++
	}
	limit := maxStringifyDepth * 1000
	if w.opts.replacer != nil {
		limit -= replacerHeadroom * 1000
	}
	return len(w.stack)*1000+n*heavyLevelExtra > limit
}

// scriptObjectType reports whether objects of class Object exporting as t are ordinary
// objects to JSON.stringify that scripts make (a Map, a Set, a typed array, an ArrayBuffer, a
// Promise, a boxed Symbol, a proxy), as opposed to Go values and BigInt objects.
func scriptObjectType(t reflect.Type) bool {
	switch t {
	case proxyType, typeMapExport, typeSetExport, typeArrayBuffer, typePromise, typeString:
		return true
	}
	if t != nil && t.Kind() == reflect.Slice {
		switch t.Elem().Kind() { // typed arrays
		case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32,
			reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
			return true
		}
	}
	return false
}

// The types script-made objects of class Object export as (scriptObjectType).
var (
	typeMapExport   = reflect.TypeOf([][2]any(nil))
	typeSetExport   = reflect.TypeOf([]any(nil))
	typeArrayBuffer = reflect.TypeOf(goja.ArrayBuffer{})
	typePromise     = reflect.TypeOf((*goja.Promise)(nil))
)

// rangeError is the exception V8 throws when it runs out of stack.
func rangeError(rt *goja.Runtime) *goja.Exception {
	return rt.Try(func() {
		e, _ := rt.New(rt.Get("RangeError"), rt.ToValue("Maximum call stack size exceeded"))
		panic(e)
	})
}

// maxReviverDepth is how deeply nested a value JSON.parse with a reviver walks before V8's
// recursive walk (InternalizeJSONProperty) throws RangeError: 2,726 levels of non-empty
// objects or arrays under Node 20 on x64 with the default stack, called near the top level,
// measured by bisection (an empty object or array at the bottom does not count).
const maxReviverDepth = 2726

// jsonNesting is the deepest nesting of non-empty objects and arrays in the JSON text s
// (valid or not), counting brackets outside strings.
func jsonNesting(s string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			if j < len(s) && (s[j] == ']' || s[j] == '}') {
				i = j // empty: V8 does not go a level down for it
				continue
			}
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth--
		}
	}
	return deepest
}

// proxyIsArray reports whether the proxy o's final target is an array, or whether one of
// the proxies on the way has been revoked.
func proxyIsArray(o *goja.Object) (isArray, revoked bool) {
	for {
		p, ok := o.Export().(goja.Proxy)
		if !ok {
			return o.ClassName() == "Array", false
		}
		if o = p.Target(); o == nil {
			return false, true
		}
	}
}

// circularMessage is V8's message for the cycle that writing o under key closes: the object
// the cycle starts at, the keys and objects between (the first two and the last when there
// are more than three, as V8 elides them), and the key that closes it. Checked against Node
// (jsonfast_node_test.go).
func (w *jsonWriter) circularMessage(o *goja.Object, key string) string {
	start := 0
	for i, s := range w.stack {
		if s == o {
			start = i
			break
		}
	}
	var b strings.Builder
	b.WriteString("Converting circular structure to JSON\n    --> starting at object with constructor '")
	b.WriteString(w.constructorName(o))
	b.WriteString("'")
	line := func(j int) {
		b.WriteString("\n    |     ")
		b.WriteString(w.keyDescription(w.stack[j-1], w.keys[j]))
		b.WriteString(" -> object with constructor '")
		b.WriteString(w.constructorName(w.stack[j]))
		b.WriteString("'")
	}
	const prefix, postfix = 2, 1 // V8's kCircularErrorMessagePrefixCount, ...PostfixCount
	if between := len(w.stack) - 1 - start; between > prefix+postfix {
		for j := start + 1; j <= start+prefix; j++ {
			line(j)
		}
		b.WriteString("\n    |     ...")
		line(len(w.stack) - 1)
	} else {
		for j := start + 1; j < len(w.stack); j++ {
			line(j)
		}
	}
	b.WriteString("\n    --- ")
	b.WriteString(w.keyDescription(w.stack[len(w.stack)-1], key))
	b.WriteString(" closes the circle")
	return b.String()
}

// keyDescription names the property key of holder as V8's circular-structure message does.
func (w *jsonWriter) keyDescription(holder *goja.Object, key string) string {
	isArr := holder.ClassName() == "Array"
	if !isArr && holder.ExportType() == proxyType {
		isArr, _ = proxyIsArray(holder)
	}
	if isArr {
		return "index " + key
	}
	return "property '" + key + "'"
}

// constructorName approximates V8's GetConstructorName without running script code (no
// getters, no proxy traps): the name of the constructor found as a data property on the
// prototype chain, unless it is Object; else a Symbol.toStringTag data property; else Object.
// (V8 reads the constructor off the object's hidden class, which tells apart cases such as
// an instance of a function whose prototype was replaced; those read Object here.)
func (w *jsonWriter) constructorName(o *goja.Object) string {
	if o.ExportType() == proxyType {
		return "Object"
	}
	getDesc, ok := goja.AssertFunction(w.rt.Get("Object").ToObject(w.rt).Get("getOwnPropertyDescriptor"))
	if !ok {
		return "Object"
	}
	// data returns the data property key found first on the chain from x.
	data := func(x *goja.Object, key goja.Value) goja.Value {
		for ; x != nil; x = x.Prototype() {
			if x.ExportType() == proxyType {
				return nil
			}
			d, err := getDesc(goja.Undefined(), x, key)
			if err != nil || d == nil || goja.IsUndefined(d) {
				continue
			}
			do := d.ToObject(w.rt)
			if get := do.Get("get"); get != nil && !goja.IsUndefined(get) {
				return nil // an accessor
			}
			if set := do.Get("set"); set != nil && !goja.IsUndefined(set) {
				return nil
			}
			return do.Get("value")
		}
		return nil
	}
	if c, ok := data(o.Prototype(), w.rt.ToValue("constructor")).(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(c); isFn {
			if n, ok := data(c, w.rt.ToValue("name")).(goja.String); ok && n.String() != "" && n.String() != "Object" {
				return n.String()
			}
		}
	}
	if tag, ok := data(o, goja.SymToStringTag).(goja.String); ok {
		return tag.String()
	}
	return "Object"
}

// writing reports whether o is being written already (a cycle).
func (w *jsonWriter) writing(o *goja.Object) bool {
	if w.onStack != nil {
		_, ok := w.onStack[o]
		return ok
	}
	for _, s := range w.stack {
		if s == o {
			return true
		}
	}
	return false
}

func (w *jsonWriter) push(o *goja.Object, key string) {
	w.stack = append(w.stack, o)
	w.keys = append(w.keys, key)
	switch {
	case w.onStack != nil:
		w.onStack[o] = struct{}{}
	case len(w.stack) >= stackSetFrom:
		w.onStack = make(map[*goja.Object]struct{}, 2*stackSetFrom)
		for _, s := range w.stack {
			w.onStack[s] = struct{}{}
		}
	}
}

func (w *jsonWriter) pop() {
	o := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	w.keys = w.keys[:len(w.keys)-1]
	if w.onStack != nil {
		delete(w.onStack, o)
	}
}

// scanKeys reports whether an object's keys include toJSON, and a key holding U+FFFD (goja
// gives property names with their lone surrogates replaced by it, so that such a key may not
// be the property's name). One pass, byte by byte: cheaper than searches on names this short.
func scanKeys(keys []string) (toJSON, fffd bool) {
	for _, k := range keys {
		if k == "toJSON" {
			toJSON = true
		}
		for i := 0; i < len(k); i++ {
			if k[i] == 0xef && strings.HasPrefix(k[i:], "\uFFFD") {
				fffd = true
			}
		}
	}
	return toJSON, fffd
}

func (w *jsonWriter) array(o *goja.Object) {
	n := o.Get("length").ToInteger()
	if n <= 0 {
		w.b = append(w.b, '[', ']')
		return
	}
	w.b = append(w.b, '[')
	for i := int64(0); i < n; i++ {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		if w.indent != nil {
			w.b = append(w.b, w.indent...)
		}
		k := indexKey(i)
		if !w.prop(o, o.Get(k), k) {
			w.b = append(w.b, "null"...)
		}
	}
	if w.indent != nil {
		w.b = append(w.b, w.indent[:len(w.indent)-len(w.opts.gap)]...)
	}
	w.b = append(w.b, ']')
}

// members writes the properties keys of o.
func (w *jsonWriter) members(o *goja.Object, keys []string, keyValues []goja.Value) {
	w.b = append(w.b, '{')
	first := true
	for i, k := range keys {
		mark := len(w.b)
		if !first {
			w.b = append(w.b, ',')
		}
		if w.indent != nil {
			w.b = append(w.b, w.indent...)
		}
		var v goja.Value
		if keyValues != nil {
			w.strValue(keyValues[i])
			v = w.jsGet(o, keyValues[i])
		} else {
			w.str(k)
			v = o.Get(k)
		}
		w.b = append(w.b, ':')
		if w.indent != nil {
			w.b = append(w.b, ' ')
		}
		if !w.prop(o, v, k) {
			w.b = w.b[:mark]
			continue
		}
		first = false
	}
	if !first && w.indent != nil {
		w.b = append(w.b, w.indent[:len(w.indent)-len(w.opts.gap)]...)
	}
	w.b = append(w.b, '}')
}

// jsKeys is Object.keys(o) as JavaScript values (lone surrogates intact).
func (w *jsonWriter) jsKeys(o *goja.Object) []goja.Value {
	w.jsHelpers()
	arr, err := w.keysOf(goja.Undefined(), o)
	if err != nil {
		panic(err)
	}
	a := arr.ToObject(w.rt)
	n := a.Get("length").ToInteger()
	out := make([]goja.Value, n)
	for i := range out {
		out[i] = a.Get(indexKey(int64(i)))
	}
	return out
}

// jsGet is o[k] for a key given as a JavaScript value.
func (w *jsonWriter) jsGet(o *goja.Object, k goja.Value) goja.Value {
	w.jsHelpers()
	v, err := w.getByKey(goja.Undefined(), o, k)
	if err != nil {
		panic(err)
	}
	return v
}

func (w *jsonWriter) jsHelpers() {
	if w.keysOf != nil {
		return
	}
	v, err := w.rt.RunString("[function (o) { return Object.keys(o); }, function (o, k) { return o[k]; }]")
	if err != nil {
		panic(err)
	}
	fns := v.ToObject(w.rt)
	w.keysOf, _ = goja.AssertFunction(fns.Get("0"))
	w.getByKey, _ = goja.AssertFunction(fns.Get("1"))
}

// delegate writes o with goja's serialiser, which calls no toJSON on o itself that the writer
// has not already settled (the objects handed to it have none, or are a toJSON's result) —
// except for a toJSON's result that has a toJSON of its own and is also exotic or too deep,
// which goja would call: a case left to goja.
func (w *jsonWriter) delegate(o *goja.Object) bool {
	text, err := o.MarshalJSON()
	if err != nil {
		panic(err)
	}
	w.b = append(w.b, text...)
	return true
}

// strValue writes the string value v from its UTF-16 code units, with its lone surrogates as
// JSON.stringify writes them (\uXXXX escapes), which its Go form (U+FFFD in their place)
// cannot tell.
func (w *jsonWriter) strValue(v goja.Value) {
	s, ok := v.(goja.String)
	if !ok {
		s = goja.StringFromUTF16(utf16.Encode([]rune(v.String())))
	}
	w.strUTF16(s)
}

// strUTF16 writes s from its UTF-16 code units, escaping as JSON.stringify does.
func (w *jsonWriter) strUTF16(s goja.String) {
	w.b = append(w.b, '"')
	n := s.Length()
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case utf16.IsSurrogate(rune(c)):
			if c < 0xdc00 && i+1 < n {
				if c2 := s.CharAt(i + 1); c2 >= 0xdc00 && c2 <= 0xdfff {
					w.b = utf8.AppendRune(w.b, utf16.DecodeRune(rune(c), rune(c2)))
					i++
					continue
				}
			}
			const hex = "0123456789abcdef"
			w.b = append(w.b, '\\', 'u', hex[c>>12], hex[c>>8&0xf], hex[c>>4&0xf], hex[c&0xf])
		case c < utf8.RuneSelf:
			w.str1(byte(c))
		default:
			w.b = utf8.AppendRune(w.b, rune(c))
		}
	}
	w.b = append(w.b, '"')
}

// str1 writes one ASCII character of a string, escaped as JSON.stringify escapes it.
func (w *jsonWriter) str1(c byte) {
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
		if c < 0x20 {
			const hex = "0123456789abcdef"
			w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		} else {
			w.b = append(w.b, c)
		}
	}
}

// str writes s quoted as JSON.stringify does: only '"', '\' and control characters are
// escaped (not '<', '>', '&' or U+2028 as encoding/json would). It returns false for a string
// holding U+FFFD: goja gives a JavaScript string as a Go string with its lone surrogates
// replaced by U+FFFD, where JSON.stringify writes them as \uXXXX escapes, so such a string (or
// one with a real U+FFFD, which cannot be told apart here) is written again from its UTF-16
// code units (strValue).
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
		w.str1(c)
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

// installFastJSON replaces JSON.parse and JSON.stringify with the native paths, keeping goja's
// originals for a reviver, a replacer or an indentation, and for the texts the parser declines.
func installFastJSON(rt *goja.Runtime) {
	j := rt.Get("JSON").ToObject(rt)
	origParse, _ := goja.AssertFunction(j.Get("parse"))
	origStringify, _ := goja.AssertFunction(j.Get("stringify"))
	parse := func(call goja.FunctionCall) goja.Value {
		text, ok := jsonParseText(call.Argument(0))
		if !ok {
			v, err := origParse(j, call.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}
		if len(call.Arguments) <= 1 {
			if v, err := fastParseJSON(rt, text); err == nil {
				return v
			}
		}
		if _, isFn := goja.AssertFunction(call.Argument(1)); isFn && jsonNesting(text) > maxReviverDepth {
			// V8 walks the parsed value for the reviver recursively and runs out of stack
			// before the first call; goja's walk has no limit. A syntax error comes first.
			if _, err := origParse(j, rt.ToValue(text)); err != nil {
				panic(v8JSONParseException(rt, text, err))
			}
			panic(rangeError(rt))
		}
		args := append([]goja.Value{rt.ToValue(text)}, call.Arguments[min(1, len(call.Arguments)):]...)
		v, err := origParse(j, args...)
		if err != nil {
			panic(v8JSONParseException(rt, text, err))
		}
		return v
	}
	// The length of the last text stringify wrote: the size of the next one's buffer.
	lastLen := 0
	stringify := func(call goja.FunctionCall) goja.Value {
		opts, ok := stringifyOptions(rt, call.Argument(1), call.Argument(2))
		if ok {
			s, undef, err := fastStringifyOpts(rt, call.Argument(0), lastLen, opts)
			if err != nil {
				panic(err) // what JSON.stringify throws, after the same getter and toJSON calls
			}
			lastLen = len(s)
			if undef {
				return goja.Undefined()
			}
			return rt.ToValue(s)
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

// stringifyOptions reads JSON.stringify's replacer and space arguments as the standard
// algorithm does (a function, or an array whose strings and numbers make the property list,
// in order and without repeats; a number of spaces up to 10, or a string's first 10
// characters, Number and String objects converted first). ok is false for the one case the
// native writer leaves to goja's serialiser: a property list naming a key with a lone
// surrogate, which goja's Go strings cannot spell.
func stringifyOptions(rt *goja.Runtime, replacer, space goja.Value) (opts jsonStringifyOptions, ok bool) {
	if r, isObj := replacer.(*goja.Object); isObj {
		if f, isFn := goja.AssertFunction(r); isFn {
			opts.replacer = f
		} else if isArr := r.ClassName() == "Array"; isArr || r.ExportType() == proxyType {
			if !isArr {
				isArr, _ = proxyIsArray(r)
			}
			if isArr {
				opts.hasAllow = true
				if opts.allow, ok = propertyList(r); !ok {
					return opts, false
				}
			}
		}
	}
	if o, isObj := space.(*goja.Object); isObj {
		switch o.ClassName() {
		case "Number":
			space = o.ToNumber()
		case "String":
			space = o.ToString()
		}
	}
	if space != nil {
		switch space.ExportType() {
		case typeInt, typeFloat:
			if n := space.ToFloat(); n >= 1 {
				opts.gap = strings.Repeat(" ", int(min(n, 10)))
			}
		case typeString:
			u := utf16.Encode([]rune(space.String()))
			opts.gap = string(utf16.Decode(u[:min(len(u), 10)]))
		}
	}
	return opts, true
}

// propertyList reads the replacer array r as JSON.stringify does: its strings, numbers and
// String and Number objects as strings, in order and without repeats. ok is false for a key
// with U+FFFD (a lone surrogate, which goja's Go strings cannot spell).
func propertyList(r *goja.Object) (list []string, ok bool) {
	seen := map[string]bool{}
	n := r.Get("length").ToInteger()
	for i := int64(0); i < n; i++ {
		v := r.Get(indexKey(i))
		var item string
		switch x := v.(type) {
		case *goja.Object:
			if c := x.ClassName(); c != "String" && c != "Number" {
				continue
			}
			item = x.String()
		default:
			if v == nil {
				continue
			}
			switch v.ExportType() {
			case typeString, typeInt, typeFloat:
				item = v.String()
			default:
				continue
			}
		}
		if strings.Contains(item, "\uFFFD") {
			return nil, false
		}
		if !seen[item] {
			seen[item] = true
			list = append(list, item)
		}
	}
	return list, true
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
