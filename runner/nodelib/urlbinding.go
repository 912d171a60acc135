package nodelib

import (
	"reflect"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/idna"
)

var typeURLRecord = reflect.TypeOf((*urlRecord)(nil))

// bindURL adds the URL parser entry points to the binding.
func (e *env) bindURL(b goFuncs) {
	rt := e.rt
	record := func(v goja.Value) *urlRecord {
		if o, ok := v.(*goja.Object); ok {
			if o.ExportType() == typeURLRecord {
				return o.Export().(*urlRecord)
			}
		}
		panic(rt.NewTypeError("invalid URL handle"))
	}
	_ = b.Set("urlParse", func(c goja.FunctionCall) goja.Value {
		var base *urlRecord
		if len(c.Arguments) > 1 && !goja.IsUndefined(c.Argument(1)) {
			base = record(c.Argument(1))
		}
		u, ok := parseURL(c.Argument(0).String(), base)
		if !ok {
			return goja.Null()
		}
		return rt.ToValue(u)
	})
	_ = b.Set("urlGet", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(record(c.Argument(0)).get(c.Argument(1).String()))
	})
	_ = b.Set("urlSet", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(record(c.Argument(0)).set(c.Argument(1).String(), c.Argument(2).String()))
	})
	_ = b.Set("formEncode", func(c goja.FunctionCall) goja.Value { return rt.ToValue(formEncode(c.Argument(0).String())) })
	_ = b.Set("formDecode", func(c goja.FunctionCall) goja.Value {
		pairs := formDecode(c.Argument(0).String())
		out := make([]interface{}, len(pairs))
		for i, p := range pairs {
			out[i] = rt.NewArray(p[0], p[1])
		}
		return rt.NewArray(out...)
	})
	_ = b.Set("domainToASCII", func(c goja.FunctionCall) goja.Value {
		h, ok := parseHost(c.Argument(0).String(), true)
		if !ok {
			return rt.ToValue("")
		}
		return rt.ToValue(h)
	})
	_ = b.Set("domainToUnicode", func(c goja.FunctionCall) goja.Value {
		h, ok := parseHost(c.Argument(0).String(), true)
		if !ok {
			return rt.ToValue("")
		}
		u, err := idna.Lookup.ToUnicode(h)
		if err != nil {
			return rt.ToValue(strings.ToLower(h))
		}
		return rt.ToValue(u)
	})
}
