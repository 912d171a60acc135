package nodelib

import (
	"github.com/dop251/goja"
)

// notYet marks a part of the Node surface still being written; it fails loudly.
func (e *env) notYet(what string) goja.Value {
	panic(e.nodeError("Error", "ERR_HOOKTERM_NOT_IMPLEMENTED", what+" is not implemented in hookterm yet"))
}

func (e *env) assertModule() goja.Value          { return e.notYet("require('assert')") }
func (e *env) bufferModule() goja.Value          { return e.notYet("require('buffer')") }
func (e *env) cryptoModule() goja.Value          { return e.notYet("require('crypto')") }
func (e *env) eventsModule() goja.Value          { return e.notYet("require('events')") }
func (e *env) querystringModule() goja.Value     { return e.notYet("require('querystring')") }
func (e *env) stringDecoderModule() goja.Value   { return e.notYet("require('string_decoder')") }
func (e *env) timersModule() goja.Value          { return e.notYet("require('timers')") }
func (e *env) urlModule() goja.Value             { return e.notYet("require('url')") }
func (e *env) utilModule() goja.Value            { return e.notYet("require('util')") }
func (e *env) textEncoderCtor() goja.Value       { return e.notYet("TextEncoder") }
func (e *env) textDecoderCtor() goja.Value       { return e.notYet("TextDecoder") }
func (e *env) atob(goja.FunctionCall) goja.Value { return e.notYet("atob") }
func (e *env) btoa(goja.FunctionCall) goja.Value { return e.notYet("btoa") }
func (e *env) structuredClone(goja.FunctionCall) goja.Value {
	return e.notYet("structuredClone")
}
func (e *env) queueMicrotask(goja.FunctionCall) goja.Value { return e.notYet("queueMicrotask") }
func (e *env) processObject() goja.Value                   { return e.notYet("process") }

func constructorNameOf(rt *goja.Runtime, o *goja.Object) string {
	if c, ok := o.Get("constructor").(*goja.Object); ok {
		return c.Get("name").String()
	}
	return "Object"
}

func typeOf(v goja.Value) string {
	switch v.ExportType().Kind().String() {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	}
	return "number"
}
