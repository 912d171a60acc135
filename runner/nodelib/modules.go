package nodelib

import (
	_ "embed"
	"reflect"
	"runtime"

	"github.com/dop251/goja"
	gojabuffer "github.com/dop251/goja_nodejs/buffer"
	gojaurl "github.com/dop251/goja_nodejs/url"
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
)

var (
	bufferJS      = newJSModule("buffer", bufferSource)
	webJS         = newJSModule("internal/web", webSource)
	cryptoJS      = newJSModule("crypto", cryptoSource)
	eventsJS      = newJSModule("events", eventsSource)
	querystringJS = newJSModule("querystring", querystringSource)
	urlJS         = newJSModule("url", urlSource)
	utilJS        = newJSModule("util", utilSource)
	assertJS      = newJSModule("assert", assertSource)
	processJS     = newJSModule("internal/process", processSource)
	miscJS        = newJSModule("internal/misc", miscSource)
)

func (e *env) obj(name string) *goja.Object { return e.requireBuiltin(name).ToObject(e.rt) }

func (e *env) bufferCtor() goja.Value { return e.obj("buffer").Get("Buffer") }

func (e *env) bufferModule() goja.Value {
	// goja_nodejs's Buffer supplies the numeric read*/write* methods.
	holder := e.rt.NewObject()
	_ = holder.Set("exports", e.rt.NewObject())
	gojabuffer.Require(e.rt, holder)
	gojaBuffer := holder.Get("exports").ToObject(e.rt).Get("Buffer").ToObject(e.rt)
	exports := e.load(bufferJS, e.binding(), gojaBuffer.Get("prototype")).ToObject(e.rt)
	_ = exports.Set("atob", e.web().Get("atob"))
	_ = exports.Set("btoa", e.web().Get("btoa"))
	return exports
}

// web is the runtime's instance of the web globals (TextEncoder, atob, structuredClone…).
func (e *env) web() *goja.Object { return e.obj("internal/web") }

func (e *env) webModule() goja.Value { return e.load(webJS, e.binding()) }

func (e *env) cryptoModule() goja.Value { return e.load(cryptoJS, e.binding(), e.bufferCtor()) }

func (e *env) eventsModule() goja.Value { return e.load(eventsJS, e.binding()) }

func (e *env) querystringModule() goja.Value { return e.load(querystringJS, e.bufferCtor()) }

func (e *env) urlModule() goja.Value {
	holder := e.rt.NewObject()
	_ = holder.Set("exports", e.rt.NewObject())
	gojaurl.Require(e.rt, holder)
	w := holder.Get("exports").ToObject(e.rt)
	return e.load(urlJS, e.requireBuiltin("querystring"), w.Get("URL"), w.Get("URLSearchParams"),
		w.Get("domainToASCII"), w.Get("domainToUnicode"), e.binding().Get("inspect"))
}

func (e *env) utilModule() goja.Value {
	return e.load(utilJS, e.binding(), e.web(), e.rt.GlobalObject().Get("process"))
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

func (e *env) stringDecoderModule() goja.Value { return e.misc().Get("string_decoder") }
func (e *env) timersModule() goja.Value        { return e.misc().Get("timers") }
func (e *env) timersPromisesModule() goja.Value {
	return e.misc().Get("timersPromises")
}

// bindTypes adds the Go-side type checks util.types needs.
func (e *env) bindTypes(b *goja.Object) {
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
		_, isProxy := o.Export().(goja.Proxy)
		return rt.ToValue(isProxy)
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
