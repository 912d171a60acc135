package nodelib

import (
	_ "embed"
	"reflect"
	"runtime"
	"strings"

	"github.com/dop251/goja"
	gojabuffer "github.com/dop251/goja_nodejs/buffer"
)

var (
	//go:embed js/buffer.js
	bufferSource string
	//go:embed js/web.js
	webSource string
	//go:embed js/crypto.js
	cryptoSource string
	//go:embed js/events.js
	eventsSource string
	//go:embed js/querystring.js
	querystringSource string
	//go:embed js/querystring-internal.js
	querystringInternalSource string
	//go:embed js/url.js
	urlSource string
	//go:embed js/util.js
	utilSource string
	//go:embed js/assert.js
	assertSource string
	//go:embed js/process.js
	processSource string
	//go:embed js/misc.js
	miscSource string
	//go:embed js/whatwg-url.js
	whatwgURLSource string
	//go:embed js/abort.js
	abortSource string
)

var (
	bufferJS      = newJSModule("buffer", bufferSource)
	webJS         = newJSModule("internal/web", webSource)
	cryptoJS      = newJSModule("crypto", cryptoSource)
	eventsJS      = newJSModule("events", eventsSource)
	querystringJS = newJSModule("querystring", querystringSource)
	qsInternalJS  = newJSModule("internal/querystring", querystringInternalSource)
	urlJS         = newJSModule("url", urlSource)
	utilJS        = newJSModule("util", utilSource)
	assertJS      = newJSModule("assert", assertSource)
	processJS     = newJSModule("internal/process", processSource)
	miscJS        = newJSModule("internal/misc", miscSource)
	whatwgURLJS   = newJSModule("internal/url", whatwgURLSource)
	abortJS       = newJSModule("internal/abort", abortSource)
)

func (e *env) obj(name string) *goja.Object { return e.requireBuiltin(name).ToObject(e.rt) }

func (e *env) bufferCtor() goja.Value { return e.obj("buffer").Get("Buffer") }

func (e *env) bufferModule() goja.Value {
	numeric := e.rt.NewDynamicObject(&numericMethods{e: e})
	if err := numeric.SetPrototype(e.rt.Get("Uint8Array").ToObject(e.rt).Get("prototype").ToObject(e.rt)); err != nil {
		panic(e.rt.NewGoError(fmtErr("set up Buffer", err)))
	}
	exports := e.load(bufferJS, e.binding(), numeric).ToObject(e.rt)
	_ = exports.Set("atob", e.web().Get("atob"))
	_ = exports.Set("btoa", e.web().Get("btoa"))
	return exports
}

// numericMethods lazily serves goja_nodejs's Buffer read*/write* methods.
type numericMethods struct {
	e     *env
	proto *goja.Object
}

func isNumericMethod(key string) bool {
	return key != "write" && (strings.HasPrefix(key, "read") || strings.HasPrefix(key, "write"))
}

func (n *numericMethods) Get(key string) goja.Value {
	if !isNumericMethod(key) {
		return nil
	}
	if n.proto == nil {
		rt := n.e.rt
		holder := rt.NewObject()
		_ = holder.Set("exports", rt.NewObject())
		gojabuffer.Require(rt, holder)
		n.proto = holder.Get("exports").ToObject(rt).Get("Buffer").ToObject(rt).Get("prototype").ToObject(rt)
	}
	v := n.proto.Get(key)
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return v
}

func (n *numericMethods) Has(key string) bool         { return n.Get(key) != nil }
func (n *numericMethods) Set(string, goja.Value) bool { return false }
func (n *numericMethods) Delete(string) bool          { return false }
func (n *numericMethods) Keys() []string              { return nil }

// web is the runtime's instance of the web globals (TextEncoder, atob, structuredClone…).
func (e *env) web() *goja.Object { return e.obj("internal/web") }

func (e *env) webModule() goja.Value { return e.load(webJS, e.binding()) }

func (e *env) cryptoModule() goja.Value { return e.load(cryptoJS, e.binding(), e.bufferCtor()) }

func (e *env) eventsModule() goja.Value { return e.load(eventsJS, e.binding()) }

func (e *env) querystringModule() goja.Value {
	return e.load(querystringJS, e.bufferCtor(), e.requireBuiltin("internal/querystring"))
}

// querystringInternalModule is Node's internal/querystring, shared by querystring and url.
func (e *env) querystringInternalModule() goja.Value { return e.load(qsInternalJS) }

func (e *env) whatwgURLModule() goja.Value { return e.load(whatwgURLJS, e.binding()) }

func (e *env) urlModule() goja.Value {
	w := e.obj("internal/url")
	return e.load(urlJS, e.requireBuiltin("querystring"), e.requireBuiltin("internal/querystring"), w.Get("URL"), w.Get("URLSearchParams"),
		w.Get("domainToASCII"), w.Get("domainToUnicode"), e.binding().Get("inspect"))
}

func (e *env) utilModule() goja.Value {
	e.markTimers()
	return e.load(utilJS, e.binding(), e.web(), e.rt.GlobalObject().Get("process"))
}

// markTimers gives setTimeout and setImmediate Node's util.promisify.custom: in Node,
// util.promisify(setTimeout) is timers/promises' setTimeout (it resolves with the value
// argument). The runner owns the timer globals; they are marked when util or timers is
// loaded, since promisify needs util. The property is a getter, as in Node, so the timers
// module behind it is built only when it is read.
func (e *env) markTimers() {
	rt := e.rt
	symFor, ok := goja.AssertFunction(rt.Get("Symbol").ToObject(rt).Get("for"))
	if !ok {
		return
	}
	v, err := symFor(goja.Undefined(), rt.ToValue("nodejs.util.promisify.custom"))
	if err != nil {
		return
	}
	custom, ok := v.(*goja.Symbol)
	if !ok {
		return
	}
	for _, name := range [...]string{"setTimeout", "setImmediate"} {
		f, isObj := rt.GlobalObject().Get(name).(*goja.Object)
		if !isObj {
			continue
		}
		if _, isFn := goja.AssertFunction(f); !isFn || (f.GetSymbol(custom) != nil && !goja.IsUndefined(f.GetSymbol(custom))) {
			continue
		}
		getter := rt.ToValue(func(goja.FunctionCall) goja.Value { return e.timersPromisesModule().ToObject(rt).Get(name) })
		_ = f.DefineAccessorPropertySymbol(custom, getter, nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
}

func (e *env) assertModule() goja.Value {
	return e.load(assertJS, e.binding(), e.requireBuiltin("util"))
}

func (e *env) processObject() goja.Value {
	return e.load(processJS, e.binding(), e.rt.ToValue(NodeVersion))
}

func (e *env) misc() *goja.Object { return e.obj("internal/misc") }

func (e *env) miscModule() goja.Value {
	return e.load(miscJS, e.binding(), e.bufferCtor(), e.rt.GlobalObject())
}

// abortModule holds AbortController, AbortSignal and DOMException.
func (e *env) abortModule() goja.Value { return e.load(abortJS, e.binding(), e.rt.GlobalObject()) }

func (e *env) stringDecoderModule() goja.Value { return e.misc().Get("string_decoder") }
func (e *env) timersModule() goja.Value {
	e.markTimers()
	return e.misc().Get("timers")
}

func (e *env) timersPromisesModule() goja.Value {
	return e.misc().Get("timersPromises")
}

// bindTypes adds the Go-side type checks util.types needs.
func (e *env) bindTypes(b goFuncs) {
	rt := e.rt
	_ = b.Set("isPromise", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		return rt.ToValue(ok && o.ExportType() == reflect.TypeOf((*goja.Promise)(nil)))
	})
	_ = b.Set("isProxy", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return rt.ToValue(false)
		}
		return rt.ToValue(o.ExportType() == typeProxy)
	})
	_ = b.Set("isNativeError", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		return rt.ToValue(ok && o.ClassName() == "Error")
	})
	_ = b.Set("memoryUsage", func(goja.FunctionCall) goja.Value {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		o := rt.NewObject()
		_ = o.Set("rss", ms.Sys)
		_ = o.Set("heapTotal", ms.HeapSys)
		_ = o.Set("heapUsed", ms.HeapAlloc)
		_ = o.Set("external", 0)
		_ = o.Set("arrayBuffers", 0)
		return o
	})
	_ = b.Set("unsupportedCrypto", func(goja.FunctionCall) goja.Value {
		return rt.NewDynamicObject(&unsupportedFuncs{e: e, prefix: "crypto.", names: unsupportedCryptoNames[:]})
	})
	_ = b.Set("pbkdf2", func(c goja.FunctionCall) goja.Value {
		key, err := pbkdf2Key(c.Argument(4).String(), e.bytesOf(c.Argument(0)), e.bytesOf(c.Argument(1)),
			int(c.Argument(2).ToInteger()), int(c.Argument(3).ToInteger()))
		if err != nil {
			panic(rt.NewGoError(err))
		}
		if key == nil {
			return goja.Null()
		}
		return rt.ToValue(rt.NewArrayBuffer(key))
	})
}

// unsupportedCryptoNames are Node crypto functions hookterm does not implement.
var unsupportedCryptoNames = [...]string{
	"generateKeyPair", "generateKeyPairSync", "generateKey", "generateKeySync", "createPrivateKey",
	"createPublicKey", "createSecretKey", "publicEncrypt", "publicDecrypt", "privateEncrypt", "privateDecrypt",
	"createDiffieHellman", "createECDH", "getCurves",
	"generatePrime", "generatePrimeSync", "checkPrime", "checkPrimeSync", "diffieHellman"}

// unsupportedFuncs serves, on first read, functions that throw ERR_HOOKTERM_NOT_SUPPORTED
// naming themselves.
type unsupportedFuncs struct {
	e      *env
	prefix string
	names  []string
	made   map[string]goja.Value
}

func (u *unsupportedFuncs) Get(key string) goja.Value {
	if v, ok := u.made[key]; ok {
		return v
	}
	if !u.Has(key) {
		return nil
	}
	name := u.prefix + key
	v := u.e.rt.ToValue(func(goja.FunctionCall) goja.Value {
		panic(u.e.nodeError("Error", "ERR_HOOKTERM_NOT_SUPPORTED", name+"() is not supported by hookterm yet"))
	})
	if u.made == nil {
		u.made = map[string]goja.Value{}
	}
	u.made[key] = v
	return v
}

func (u *unsupportedFuncs) Has(key string) bool {
	for _, n := range u.names {
		if n == key {
			return true
		}
	}
	return false
}

func (u *unsupportedFuncs) Set(string, goja.Value) bool { return false }
func (u *unsupportedFuncs) Delete(string) bool          { return false }
func (u *unsupportedFuncs) Keys() []string              { return nil }
