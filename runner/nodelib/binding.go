package nodelib

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// The JavaScript halves of the modules are compiled once per process (immutable programs)
// and evaluated per runtime on first use; each is a function taking the runtime's binding:
// the Go helpers below.

// jsModule compiles a module source once.
type jsModule struct {
	name string
	src  string
	prg  func() *goja.Program
}

func newJSModule(name, src string) *jsModule {
	m := &jsModule{name: name, src: src}
	m.prg = sync.OnceValue(func() *goja.Program {
		return goja.MustCompile("node:"+name, src, true)
	})
	return m
}

// load evaluates the module's function expression and calls it with args.
func (e *env) load(m *jsModule, args ...goja.Value) goja.Value {
	fnv, err := e.rt.RunProgram(m.prg())
	if err != nil {
		panic(err)
	}
	fn, ok := goja.AssertFunction(fnv)
	if !ok {
		panic(e.rt.NewTypeError("nodelib: module " + m.name + " is not a function"))
	}
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// goFuncs collects the binding's Go functions; they become JavaScript functions only when
// a module first reads them (a goja function object costs far more than a Go closure).
type goFuncs map[string]func(goja.FunctionCall) goja.Value

func (f goFuncs) Set(name string, fn func(goja.FunctionCall) goja.Value) error {
	f[name] = fn
	return nil
}

// lazyBinding is the binding object: a dynamic object that converts on first read.
type lazyBinding struct {
	e     *env
	funcs goFuncs
	made  map[string]goja.Value
}

func (l *lazyBinding) Get(key string) goja.Value {
	if v, ok := l.made[key]; ok {
		return v
	}
	var v goja.Value
	if key == "microtask" {
		v = l.e.obj("internal/microtask").Get("nextTick")
	} else if f := l.funcs[key]; f != nil {
		v = l.e.rt.ToValue(f)
	} else {
		return nil
	}
	if l.made == nil {
		l.made = make(map[string]goja.Value, 8)
	}
	l.made[key] = v
	return v
}

func (l *lazyBinding) Has(key string) bool         { return key == "microtask" || l.funcs[key] != nil }
func (l *lazyBinding) Set(string, goja.Value) bool { return false }
func (l *lazyBinding) Delete(string) bool          { return false }
func (l *lazyBinding) Keys() []string              { return nil }

// binding returns the runtime's Go helpers, built once.
func (e *env) binding() *goja.Object {
	if e.bind != nil {
		return e.bind
	}
	rt := e.rt
	b := goFuncs{}
	set := func(name string, f func(goja.FunctionCall) goja.Value) { b[name] = f }
	set("decode", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(rt.NewArrayBuffer(decodeString(c.Argument(0).String(), c.Argument(1).String())))
	})
	set("encode", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(encodeBytes(e.bytesOf(c.Argument(0)), c.Argument(1).String()))
	})
	set("byteLength", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(len(decodeString(c.Argument(0).String(), c.Argument(1).String())))
	})
	set("validUTF8", func(c goja.FunctionCall) goja.Value { return rt.ToValue(utf8.Valid(e.bytesOf(c.Argument(0)))) })
	set("compare", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(bytes.Compare(e.bytesOf(c.Argument(0)), e.bytesOf(c.Argument(1))))
	})
	set("indexOf", func(c goja.FunctionCall) goja.Value {
		hay, needle := e.bytesOf(c.Argument(0)), e.bytesOf(c.Argument(1))
		from := int(c.Argument(2).ToInteger())
		if c.Argument(3).ToBoolean() { // lastIndexOf: from is the last start position
			if from >= len(hay) {
				from = len(hay) - 1
			}
			for i := from; i >= 0; i-- {
				if bytes.HasPrefix(hay[i:], needle) {
					return rt.ToValue(i)
				}
			}
			return rt.ToValue(-1)
		}
		if from > len(hay) {
			return rt.ToValue(-1)
		}
		i := bytes.Index(hay[from:], needle)
		if i < 0 {
			return rt.ToValue(-1)
		}
		return rt.ToValue(i + from)
	})
	set("hash", func(c goja.FunctionCall) goja.Value { return e.newHash(c.Argument(0).String(), nil) })
	set("hmac", func(c goja.FunctionCall) goja.Value {
		return e.newHash(c.Argument(0).String(), e.bytesOf(c.Argument(1)))
	})
	set("hashes", func(goja.FunctionCall) goja.Value { return rt.ToValue(hashNames) })
	set("randomFill", func(c goja.FunctionCall) goja.Value {
		if _, err := io.ReadFull(e.rand(), e.bytesOf(c.Argument(0))); err != nil {
			panic(rt.NewGoError(fmtErr("read random bytes", err)))
		}
		return goja.Undefined()
	})
	set("timingSafeEqual", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(subtle.ConstantTimeCompare(e.bytesOf(c.Argument(0)), e.bytesOf(c.Argument(1))) == 1)
	})
	set("inspect", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(inspectWith(rt, c.Argument(0), optionsFromJS(rt, c.Argument(1))))
	})
	set("format", func(c goja.FunctionCall) goja.Value { return rt.ToValue(Format(rt, c.Arguments)) })
	set("now", func(goja.FunctionCall) goja.Value {
		return rt.ToValue(float64(e.now().Sub(e.start).Nanoseconds()))
	})
	e.bindTypes(b)
	e.bindURL(b)
	e.bind = rt.NewDynamicObject(&lazyBinding{e: e, funcs: b})
	return e.bind
}

// bytesOf is the byte view of a Buffer, TypedArray, DataView or ArrayBuffer.
func (e *env) bytesOf(v goja.Value) []byte {
	if o, ok := v.(*goja.Object); ok {
		switch o.ExportType() {
		case typeBytes:
			return o.Export().([]byte)
		case typeArrayBuf:
			return o.Export().(goja.ArrayBuffer).Bytes()
		}
		// Other typed arrays and DataViews: view their bytes through a Uint8Array.
		if buf, ok := o.Get("buffer").(*goja.Object); ok {
			if buf.ExportType() == typeArrayBuf {
				ab := buf.Export().(goja.ArrayBuffer)
				off := int(o.Get("byteOffset").ToInteger())
				n := int(o.Get("byteLength").ToInteger())
				return ab.Bytes()[off : off+n]
			}
		}
	}
	panic(e.nodeError("TypeError", "ERR_INVALID_ARG_TYPE",
		"The \"data\" argument must be an instance of Buffer, TypedArray, or DataView. Received "+describeReceived(e.rt, v)))
}

// utf16Units are the UTF-16 code units of a JavaScript string as goja gives it to Go.
func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

// decodeString turns a JavaScript string into bytes with Node's Buffer encodings; the
// encoding name is already normalised by the JavaScript side.
func decodeString(s, enc string) []byte {
	switch enc {
	case "hex":
		// Node decodes pairs up to the first invalid one.
		n := len(s) / 2
		out := make([]byte, 0, n)
		for i := 0; i < n; i++ {
			b, err := hex.DecodeString(s[2*i : 2*i+2])
			if err != nil {
				break
			}
			out = append(out, b[0])
		}
		return out
	case "base64", "base64url":
		return decodeBase64Loose(s)
	case "latin1", "ascii":
		u := utf16Units(s)
		out := make([]byte, len(u))
		for i, c := range u {
			out[i] = byte(c)
		}
		return out
	case "utf16le":
		u := utf16Units(s)
		out := make([]byte, 2*len(u))
		for i, c := range u {
			out[2*i] = byte(c)
			out[2*i+1] = byte(c >> 8)
		}
		return out
	default:
		return []byte(s)
	}
}

// decodeBase64Loose decodes base64 and base64url as Node does: both alphabets, padding
// optional, whitespace and other characters skipped, stopping at the first '='.
func decodeBase64Loose(s string) []byte {
	var clean strings.Builder
	clean.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean.WriteByte(c)
		case c == '-':
			clean.WriteByte('+')
		case c == '_':
			clean.WriteByte('/')
		case c == '=':
			i = len(s)
		}
	}
	str := clean.String()
	if len(str)%4 == 1 {
		str = str[:len(str)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(str)
	if err != nil {
		// Only trailing bits can be wrong after the cleaning above; decode leniently.
		out, _ = base64.RawStdEncoding.WithPadding(base64.NoPadding).Strict().DecodeString(str)
	}
	return out
}

// encodeBytes is Buffer.prototype.toString for the normalised encodings.
func encodeBytes(b []byte, enc string) string {
	switch enc {
	case "hex":
		return hex.EncodeToString(b)
	case "base64":
		return base64.StdEncoding.EncodeToString(b)
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b)
	case "latin1":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	case "ascii":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c & 0x7f)
		}
		return string(r)
	case "utf16le":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return string(utf16.Decode(u))
	default:
		if utf8.Valid(b) {
			return string(b)
		}
		return decodeUTF8Replacing(b)
	}
}

// decodeUTF8Replacing decodes UTF-8 replacing each maximal invalid subpart by U+FFFD, as
// the WHATWG decoder (and Node) do.
func decodeUTF8Replacing(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			sb.WriteRune(utf8.RuneError)
			// Skip the continuation bytes that belong to this broken sequence prefix.
			n := 1
			if need := utf8SeqLen(b[0]); need > 1 {
				for n < need && n < len(b) && b[n]&0xC0 == 0x80 && validPrefix(b[:n+1]) {
					n++
				}
			}
			b = b[n:]
			continue
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

func utf8SeqLen(c byte) int {
	switch {
	case c >= 0xC2 && c <= 0xDF:
		return 2
	case c >= 0xE0 && c <= 0xEF:
		return 3
	case c >= 0xF0 && c <= 0xF4:
		return 4
	}
	return 1
}

// validPrefix reports whether p can start a valid UTF-8 sequence (the second byte ranges
// of E0, ED, F0 and F4 are restricted).
func validPrefix(p []byte) bool {
	if len(p) < 2 {
		return true
	}
	c, d := p[0], p[1]
	switch c {
	case 0xE0:
		return d >= 0xA0
	case 0xED:
		return d <= 0x9F
	case 0xF0:
		return d >= 0x90
	case 0xF4:
		return d <= 0x8F
	}
	return true
}

var hashNames = []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"}

func newHashFunc(alg string) func() hash.Hash {
	switch strings.ToLower(alg) {
	case "md5", "rsa-md5":
		return md5.New
	case "sha1", "rsa-sha1", "sha-1":
		return sha1.New
	case "sha224", "rsa-sha224", "sha-224":
		return sha256.New224
	case "sha256", "rsa-sha256", "sha-256":
		return sha256.New
	case "sha384", "rsa-sha384", "sha-384":
		return sha512.New384
	case "sha512", "rsa-sha512", "sha-512":
		return sha512.New
	case "sha512-224":
		return sha512.New512_224
	case "sha512-256":
		return sha512.New512_256
	}
	return nil
}

// newHash returns a handle {update(bytes), digest() ArrayBuffer, copy()} or null when the
// algorithm is unknown; key != nil makes it an HMAC.
func (e *env) newHash(alg string, key []byte) goja.Value {
	f := newHashFunc(alg)
	if f == nil {
		return goja.Null()
	}
	var h hash.Hash
	if key != nil {
		h = hmac.New(f, key)
	} else {
		h = f()
	}
	return e.hashHandle(h, f, key == nil)
}

func (e *env) hashHandle(h hash.Hash, f func() hash.Hash, copyable bool) goja.Value {
	rt := e.rt
	o := rt.NewObject()
	_ = o.Set("update", func(c goja.FunctionCall) goja.Value {
		h.Write(e.bytesOf(c.Argument(0)))
		return goja.Undefined()
	})
	_ = o.Set("digest", func(goja.FunctionCall) goja.Value {
		return rt.ToValue(rt.NewArrayBuffer(h.Sum(nil)))
	})
	if copyable {
		_ = o.Set("copy", func(goja.FunctionCall) goja.Value {
			// Go's hashes implement encoding.BinaryMarshaler to snapshot their state.
			type marshaler interface {
				MarshalBinary() ([]byte, error)
				UnmarshalBinary([]byte) error
			}
			src, ok := h.(marshaler)
			if !ok {
				panic(rt.NewTypeError("hash cannot be copied"))
			}
			state, err := src.MarshalBinary()
			if err != nil {
				panic(rt.NewGoError(fmtErr("copy hash", err)))
			}
			n := f()
			if err := n.(marshaler).UnmarshalBinary(state); err != nil {
				panic(rt.NewGoError(fmtErr("copy hash", err)))
			}
			return e.hashHandle(n, f, true)
		})
	}
	return o
}
