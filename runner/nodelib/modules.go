package nodelib

import (
	_ "embed"

	"github.com/dop251/goja"
	gojabuffer "github.com/dop251/goja_nodejs/buffer"
)

//go:embed js/buffer.js
var bufferSource string

var bufferJS = newJSModule("buffer", bufferSource)

//go:embed js/web.js
var webSource string

var webJS = newJSModule("internal/web", webSource)

// web is the runtime's instance of the web globals (TextEncoder, atob, structuredClone…).
func (e *env) web() *goja.Object {
	return e.requireBuiltin("internal/web").ToObject(e.rt)
}

func (e *env) webModule() goja.Value { return e.load(webJS, e.binding()) }

func (e *env) bufferModule() goja.Value {
	// goja_nodejs's Buffer supplies the numeric read*/write* methods.
	holder := e.rt.NewObject()
	_ = holder.Set("exports", e.rt.NewObject())
	gojabuffer.Require(e.rt, holder)
	gojaBuffer := holder.Get("exports").ToObject(e.rt).Get("Buffer").ToObject(e.rt)
	exports := e.load(bufferJS, e.binding(), gojaBuffer.Get("prototype")).ToObject(e.rt)
	_ = exports.Set("atob", e.rt.GlobalObject().Get("atob"))
	_ = exports.Set("btoa", e.rt.GlobalObject().Get("btoa"))
	return exports
}
