package nodelib

import (
	_ "embed"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// This file ports Node.js 20's lib/internal/util/inspect.js (MIT licence, Node.js
// contributors) to Go, for the default options console.log uses: depth 2, compact 3,
// breakLength 80, maxArrayLength 100, maxStringLength 10000, no colours. The structure and
// names follow the original so that the two can be compared function by function.

//go:embed inspect_helpers.js
var inspectHelpersSource string

// inspectHelpersProgram is compiled once; every runtime evaluates it on its first Inspect.
var inspectHelpersProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("node:internal/util/inspect", inspectHelpersSource, true)
})

// helpersKey is the (immutable) symbol under which a runtime keeps its inspect helpers.
var helpersKey = goja.NewSymbol("hookterm.inspect")

type inspectHelpers struct {
	describe, funcType, isClass, desc                               goja.Callable
	isSet, isWeakMap, isWeakSet, isError, has, superName, ownName   goja.Callable
	setValues, mapEntries, stackOf, str, json, parseInt, parseFloat goja.Callable
	toNumber, hasBuiltInToString                                    goja.Callable
	custom                                                          *goja.Symbol
	inspectFn                                                       goja.Value
}

func helpersFor(rt *goja.Runtime) *inspectHelpers {
	g := rt.GlobalObject()
	if v := g.GetSymbol(helpersKey); v != nil {
		if h, ok := v.Export().(*inspectHelpers); ok {
			return h
		}
	}
	v, err := rt.RunProgram(inspectHelpersProgram())
	if err != nil {
		panic(err)
	}
	o := v.ToObject(rt)
	fn := func(name string) goja.Callable {
		f, ok := goja.AssertFunction(o.Get(name))
		if !ok {
			panic(rt.NewTypeError("inspect helper " + name + " missing"))
		}
		return f
	}
	h := &inspectHelpers{
		describe: fn("describe"), funcType: fn("funcType"), isClass: fn("isClass"), desc: fn("desc"),
		isSet: fn("isSet"), isWeakMap: fn("isWeakMap"),
		isWeakSet: fn("isWeakSet"), isError: fn("isError"), has: fn("has"),
		superName: fn("superName"), ownName: fn("ownName"), setValues: fn("setValues"),
		mapEntries: fn("mapEntries"), stackOf: fn("stackOf"), str: fn("str"), json: fn("json"),
		parseInt: fn("parseInt"), parseFloat: fn("parseFloat"), toNumber: fn("toNumber"),
		hasBuiltInToString: fn("hasBuiltInToString"),
	}
	h.custom, _ = o.Get("custom").(*goja.Symbol)
	_ = g.DefineDataPropertySymbol(helpersKey, rt.ToValue(h), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return h
}

// inspectOptions are the util.inspect options hookterm supports.
type inspectOptions struct {
	depth          int // < 0 with infiniteDepth false means "print nothing nested"
	infiniteDepth  bool
	showHidden     bool
	breakLength    int
	compact        int
	maxArrayLength int
	maxStringLen   int
	customInspect  bool
}

func defaultInspectOptions() inspectOptions {
	return inspectOptions{depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLen: 10000, customInspect: true}
}

type inspectCtx struct {
	inspectOptions
	rt             *goja.Runtime
	h              *inspectHelpers
	seen           []*goja.Object
	circular       map[*goja.Object]int
	indentationLvl int
	currentDepth   int
	budget         map[int]int
}

// Inspect renders a value as Node's util.inspect does with default options.
func Inspect(rt *goja.Runtime, v goja.Value) string {
	return inspectWith(rt, v, defaultInspectOptions())
}

// InspectWithOptions is util.inspect(value, options) with a JavaScript options object
// (depth, breakLength, showHidden, maxArrayLength, maxStringLength, compact, customInspect),
// e.g. for console.dir(value, options).
func InspectWithOptions(rt *goja.Runtime, v, options goja.Value) string {
	return inspectWith(rt, v, optionsFromJS(rt, options))
}

func inspectWith(rt *goja.Runtime, v goja.Value, opts inspectOptions) string {
	if v == nil {
		v = goja.Undefined()
	}
	ctx := &inspectCtx{inspectOptions: opts, rt: rt}
	if _, ok := v.(*goja.Object); ok {
		ctx.h = helpersFor(rt)
	}
	return ctx.formatValue(v, 0, false)
}

func (c *inspectCtx) call(f goja.Callable, args ...goja.Value) goja.Value {
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

func (c *inspectCtx) depthExceeded(recurseTimes int) bool {
	return !c.infiniteDepth && recurseTimes > c.depth
}

const (
	kObjectType = iota
	kArrayType
	kArrayExtrasType
)

func (c *inspectCtx) formatValue(v goja.Value, recurseTimes int, typedArray bool) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return c.formatPrimitive(v)
	}
	if c.h == nil {
		c.h = helpersFor(c.rt)
	}
	context := o
	// Export only after ExportType says so: Export converts a plain object deeply, calling
	// its getters.
	if o.ExportType() == typeProxy {
		p := o.Export().(goja.Proxy)
		t := p.Target()
		if t == nil {
			return "<Revoked Proxy>"
		}
		o = t
	}
	if c.customInspect && c.h.custom != nil {
		if f, ok := goja.AssertFunction(o.GetSymbol(c.h.custom)); ok && !c.isPrototypeObject(o) {
			depth, optDepth := goja.Value(goja.Null()), goja.Value(goja.Null())
			if !c.infiniteDepth {
				depth = c.rt.ToValue(c.depth - recurseTimes)
				optDepth = c.rt.ToValue(c.depth)
			}
			opts := c.rt.NewObject()
			_ = opts.Set("depth", optDepth)
			_ = opts.Set("breakLength", c.breakLength)
			_ = opts.Set("compact", c.compact)
			_ = opts.Set("showHidden", c.showHidden)
			_ = opts.Set("colors", false)
			_ = opts.Set("stylize", func(call goja.FunctionCall) goja.Value { return call.Argument(0) })
			ret, err := f(context, depth, opts, c.inspectFunction())
			if err != nil {
				panic(err)
			}
			if !ret.SameAs(context) {
				if goja.IsString(ret) {
					return strings.ReplaceAll(ret.String(), "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
				}
				return c.formatValue(ret, recurseTimes, false)
			}
		}
	}
	for _, s := range c.seen {
		if s == o {
			index := 1
			if c.circular == nil {
				c.circular = map[*goja.Object]int{o: 1}
			} else if i, ok := c.circular[o]; ok {
				index = i
			} else {
				index = len(c.circular) + 1
				c.circular[o] = index
			}
			return "[Circular *" + strconv.Itoa(index) + "]"
		}
	}
	return c.formatRaw(o, recurseTimes, typedArray)
}

// inspectFunction is the third argument of custom inspect functions (util.inspect).
func (c *inspectCtx) inspectFunction() goja.Value {
	if c.h.inspectFn == nil {
		c.h.inspectFn = c.rt.ToValue(func(call goja.FunctionCall) goja.Value {
			return c.rt.ToValue(inspectWith(c.rt, call.Argument(0), optionsFromJS(c.rt, call.Argument(1))))
		})
	}
	return c.h.inspectFn
}

// isPrototypeObject reports value.constructor && value.constructor.prototype === value.
func (c *inspectCtx) isPrototypeObject(o *goja.Object) bool {
	ctor, ok := o.Get("constructor").(*goja.Object)
	if !ok {
		return false
	}
	p := ctor.Get("prototype")
	return p != nil && p.SameAs(o)
}

var (
	typeTime       = reflect.TypeOf(time.Time{})
	typeMapExport  = reflect.TypeOf([][2]interface{}{})
	typeArrayLike  = reflect.TypeOf([]interface{}{})
	typeBytes      = reflect.TypeOf([]byte(nil))
	typeBigInt     = reflect.TypeOf((*big.Int)(nil))
	typeArrayBuf   = reflect.TypeOf(goja.ArrayBuffer{})
	typePromisePtr = reflect.TypeOf((*goja.Promise)(nil))
	typeProxy      = reflect.TypeOf(goja.Proxy{})
)

func isTypedArrayType(t reflect.Type) bool {
	if t == nil || t.Kind() != reflect.Slice || t == typeArrayLike {
		return false
	}
	switch t.Elem().Kind() {
	case reflect.Uint8, reflect.Int8, reflect.Uint16, reflect.Int16, reflect.Uint32, reflect.Int32,
		reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
		return true
	}
	return false
}

type formatter func(c *inspectCtx, o *goja.Object, recurseTimes int) []string

// prop is an own property as describe() reports it; known is false when only the key is
// known (its descriptor is then read when it is formatted).
type prop struct {
	key   goja.Value
	kind  int // propData, propGetter, propSetter, propGetterSetter, propHole; +propHidden
	value goja.Value
	known bool
}

const (
	propData = iota
	propGetter
	propSetter
	propGetterSetter
	_
	propHole
	propHidden = 8
)

// describeResult is one describe() call: the constructor name, the toStringTag, the first
// array elements (arrays only) and the keys with their descriptors.
type describeResult struct {
	constructor string
	nullCtor    bool
	tag         string
	elems       []prop
	keys        []prop
}

// describe reads everything formatRaw needs about an object in one call into JavaScript
// (mode 0: all keys; 1: non-index keys; 2: array elements and non-index keys).
func (c *inspectCtx) describe(o *goja.Object, mode int) describeResult {
	limit := c.maxArrayLength
	arr := c.arrayOf(c.call(c.h.describe, o, c.rt.ToValue(mode), c.rt.ToValue(c.showHidden), c.rt.ToValue(limit)))
	var r describeResult
	if goja.IsNull(arr[0]) {
		r.nullCtor = true
	} else {
		r.constructor = arr[0].String()
	}
	r.tag = arr[1].String()
	n := int(arr[2].ToInteger())
	i := 3
	if n > 0 {
		r.elems = make([]prop, n)
		for j := 0; j < n; j++ {
			r.elems[j] = prop{kind: int(arr[i].ToInteger()), value: arr[i+1], known: true}
			i += 2
		}
	}
	if rest := (len(arr) - i) / 3; rest > 0 {
		r.keys = make([]prop, 0, rest)
		for ; i+2 < len(arr); i += 3 {
			r.keys = append(r.keys, prop{key: arr[i], kind: int(arr[i+1].ToInteger()), value: arr[i+2], known: true})
		}
	}
	return r
}

func (c *inspectCtx) formatRaw(value *goja.Object, recurseTimes int, typedArray bool) string {
	base := ""
	var format formatter = func(*inspectCtx, *goja.Object, int) []string { return nil }
	var braces [2]string
	var keys []prop
	extrasType := kObjectType
	noIterator := true

	class := value.ClassName()
	et := value.ExportType()
	_, isFunc := goja.AssertFunction(value)
	mode := 0
	switch {
	case isFunc:
	case class == "Array":
		mode = 2
	case isTypedArrayType(et):
		mode = 1
	}
	d := c.describe(value, mode)
	constructor, nullCtor, tag := d.constructor, d.nullCtor, d.tag
	keys = d.keys

	if !isFunc {
		switch {
		case class == "Array":
			noIterator = false
			prefix := ""
			length := value.Get("length").ToInteger()
			if constructor != "Array" || tag != "" {
				prefix = getPrefix(constructor, nullCtor, tag, "Array", "("+strconv.FormatInt(length, 10)+")")
			}
			braces = [2]string{prefix + "[", "]"}
			if length == 0 && len(keys) == 0 {
				return braces[0] + "]"
			}
			extrasType = kArrayExtrasType
			keys = execResultOrder(keys)
			elems := d.elems
			format = func(c *inspectCtx, o *goja.Object, rt int) []string { return c.formatArray(o, rt, elems) }
		case et == typeMapExport:
			noIterator = false
			entries := c.arrayOf(c.call(c.h.mapEntries, value))
			prefix := getPrefix(constructor, nullCtor, tag, "Map", "("+strconv.Itoa(len(entries))+")")
			if len(entries) == 0 && len(keys) == 0 {
				return prefix + "{}"
			}
			braces = [2]string{prefix + "{", "}"}
			format = func(c *inspectCtx, _ *goja.Object, rt int) []string { return c.formatMap(entries, rt) }
		case et == typeArrayLike && class != "Arguments" && c.call(c.h.isSet, value).ToBoolean():
			noIterator = false
			values := c.arrayOf(c.call(c.h.setValues, value))
			prefix := getPrefix(constructor, nullCtor, tag, "Set", "("+strconv.Itoa(len(values))+")")
			if len(values) == 0 && len(keys) == 0 {
				return prefix + "{}"
			}
			braces = [2]string{prefix + "{", "}"}
			format = func(c *inspectCtx, _ *goja.Object, rt int) []string { return c.formatSet(values, rt) }
		case isTypedArrayType(et):
			noIterator = false
			fallback := ""
			if nullCtor {
				fallback = tag
			}
			size := value.Get("length").ToInteger()
			prefix := getPrefix(constructor, nullCtor, tag, fallback, "("+strconv.FormatInt(size, 10)+")")
			braces = [2]string{prefix + "[", "]"}
			if size == 0 && len(keys) == 0 && !c.showHidden {
				return braces[0] + "]"
			}
			format = func(c *inspectCtx, o *goja.Object, _ int) []string { return c.formatTypedArray(o, int(size)) }
			extrasType = kArrayExtrasType
		}
	}
	if noIterator {
		if mode != 0 {
			keys = c.describe(value, 0).keys
		}
		braces = [2]string{"{", "}"}
		switch {
		case isFunc:
			base = c.getFunctionBase(value, constructor, nullCtor, tag)
			if len(keys) == 0 {
				return base
			}
		case constructor == "Object" && class != "Error" && et != typeTime && class != "RegExp" &&
			!(class == "Number" || class == "String" || class == "Boolean"):
			if class == "Arguments" {
				braces[0] = "[Arguments] {"
			} else if tag != "" {
				braces[0] = getPrefix(constructor, nullCtor, tag, "Object", "") + "{"
			}
			if len(keys) == 0 {
				return braces[0] + "}"
			}
		case class == "RegExp":
			base = c.callMethod(value, "toString")
			prefix := getPrefix(constructor, nullCtor, tag, "RegExp", "")
			if prefix != "RegExp " {
				base = prefix + base
			}
			if len(keys) == 0 || c.depthExceeded(recurseTimes) {
				return base
			}
		case et == typeTime:
			t := value.Get("getTime")
			_ = t
			if math.IsNaN(c.callMethodValue(value, "getTime").ToFloat()) {
				base = c.callMethod(value, "toString")
			} else {
				base = c.callMethod(value, "toISOString")
			}
			prefix := getPrefix(constructor, nullCtor, tag, "Date", "")
			if prefix != "Date " {
				base = prefix + base
			}
			if len(keys) == 0 {
				return base
			}
		case class == "Error" || c.call(c.h.isError, value).ToBoolean():
			base, keys = c.formatError(value, constructor, nullCtor, tag, keys)
			if len(keys) == 0 {
				return base
			}
		case et == typeArrayBuf:
			prefix := getPrefix(constructor, nullCtor, tag, "ArrayBuffer", "")
			ab, _ := value.Export().(goja.ArrayBuffer)
			if !typedArray {
				format = func(c *inspectCtx, _ *goja.Object, _ int) []string { return c.formatArrayBuffer(ab.Bytes()) }
			} else if len(keys) == 0 {
				return prefix + "{ byteLength: " + strconv.Itoa(len(ab.Bytes())) + " }"
			}
			braces[0] = prefix + "{"
			keys = append([]prop{{key: c.rt.ToValue("byteLength")}}, keys...)
		case et == typePromisePtr:
			braces[0] = getPrefix(constructor, nullCtor, tag, "Promise", "") + "{"
			p := value.Export().(*goja.Promise)
			format = func(c *inspectCtx, _ *goja.Object, rt int) []string { return c.formatPromise(p, rt) }
		case class == "Number" || class == "String" || class == "Boolean" || (et == typeBigInt):
			base = c.getBoxedBase(value, &keys, constructor, nullCtor, tag, class)
			if len(keys) == 0 {
				return base
			}
		case strings.Contains(constructor, "Weak") && c.call(c.h.isWeakMap, value).ToBoolean():
			braces[0] = getPrefix(constructor, nullCtor, tag, "WeakMap", "") + "{"
			format = func(*inspectCtx, *goja.Object, int) []string { return []string{"<items unknown>"} }
		case strings.Contains(constructor, "Weak") && c.call(c.h.isWeakSet, value).ToBoolean():
			braces[0] = getPrefix(constructor, nullCtor, tag, "WeakSet", "") + "{"
			format = func(*inspectCtx, *goja.Object, int) []string { return []string{"<items unknown>"} }
		default:
			if len(keys) == 0 {
				return c.getCtxStyle(value, constructor, nullCtor, tag) + "{}"
			}
			braces[0] = c.getCtxStyle(value, constructor, nullCtor, tag) + "{"
		}
	}

	if c.depthExceeded(recurseTimes) {
		name := c.getCtxStyle(value, constructor, nullCtor, tag)
		name = name[:len(name)-1]
		if !nullCtor {
			name = "[" + name + "]"
		}
		return name
	}
	recurseTimes++
	c.seen = append(c.seen, value)
	c.currentDepth = recurseTimes
	output := format(c, value, recurseTimes)
	for i := range keys {
		output = append(output, c.formatProperty(value, recurseTimes, &keys[i], extrasType))
	}
	if c.circular != nil {
		if index, ok := c.circular[value]; ok {
			ref := "<ref *" + strconv.Itoa(index) + ">"
			if base == "" {
				base = ref
			} else {
				base = ref + " " + base
			}
		}
	}
	c.seen = c.seen[:len(c.seen)-1]
	res := c.reduceToSingleString(output, base, braces, extrasType, recurseTimes, value)
	if c.budget == nil {
		c.budget = map[int]int{}
	}
	newLength := c.budget[c.indentationLvl] + len(res)
	c.budget[c.indentationLvl] = newLength
	if newLength > 1<<27 {
		c.depth = -1
		c.infiniteDepth = false
	}
	return res
}

func (c *inspectCtx) arrayOf(v goja.Value) []goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(o.Get("length").ToInteger())
	out := make([]goja.Value, n)
	for i := 0; i < n; i++ {
		out[i] = o.Get(strconv.Itoa(i))
	}
	return out
}

func (c *inspectCtx) callMethodValue(o *goja.Object, name string) goja.Value {
	f, ok := goja.AssertFunction(o.Get(name))
	if !ok {
		return goja.Undefined()
	}
	v, err := f(o)
	if err != nil {
		panic(err)
	}
	return v
}

func (c *inspectCtx) callMethod(o *goja.Object, name string) string {
	return c.callMethodValue(o, name).String()
}

func getPrefix(constructor string, nullCtor bool, tag, fallback, size string) string {
	if nullCtor {
		if tag != "" && fallback != tag {
			return "[" + fallback + size + ": null prototype] [" + tag + "] "
		}
		return "[" + fallback + size + ": null prototype] "
	}
	if tag != "" && constructor != tag {
		return constructor + size + " [" + tag + "] "
	}
	return constructor + size + " "
}

func (c *inspectCtx) getCtxStyle(value *goja.Object, constructor string, nullCtor bool, tag string) string {
	fallback := ""
	if nullCtor {
		fallback = internalConstructorName(value)
		if fallback == tag {
			fallback = "Object"
		}
	}
	return getPrefix(constructor, nullCtor, tag, fallback, "")
}

// internalConstructorName approximates V8's GetConstructorName for null-prototype objects.
func internalConstructorName(o *goja.Object) string {
	switch o.ClassName() {
	case "Array", "Function", "Error", "RegExp", "Date":
		return o.ClassName()
	}
	return "Object"
}

func (c *inspectCtx) getFunctionBase(value *goja.Object, constructor string, nullCtor bool, tag string) string {
	if c.call(c.h.isClass, value).ToBoolean() {
		return c.getClassBase(value, constructor, nullCtor, tag)
	}
	typ := c.call(c.h.funcType, value).String()
	base := "[" + typ
	if nullCtor {
		base += " (null prototype)"
	}
	name := value.Get("name")
	if name == nil || goja.IsUndefined(name) || name.String() == "" {
		base += " (anonymous)"
	} else {
		base += ": " + name.String()
	}
	base += "]"
	if constructor != typ && !nullCtor {
		base += " " + constructor
	}
	if tag != "" && constructor != tag {
		base += " [" + tag + "]"
	}
	return base
}

func (c *inspectCtx) getClassBase(value *goja.Object, constructor string, nullCtor bool, tag string) string {
	name := "(anonymous)"
	if n := c.call(c.h.ownName, value); n != nil && !goja.IsUndefined(n) && n.ToBoolean() {
		name = n.String()
	}
	base := "class " + name
	if constructor != "Function" && !nullCtor {
		base += " [" + constructor + "]"
	}
	if tag != "" && constructor != tag {
		base += " [" + tag + "]"
	}
	if !nullCtor {
		if s := c.call(c.h.superName, value).String(); s != "" {
			base += " extends " + s
		}
	} else {
		base += " extends [null prototype]"
	}
	return "[" + base + "]"
}

func (c *inspectCtx) getBoxedBase(value *goja.Object, keys *[]prop, constructor string, nullCtor bool, tag, class string) string {
	var typ string
	prim := c.callMethodValue(value, "valueOf")
	switch class {
	case "Number":
		typ = "Number"
	case "String":
		typ = "String"
		n := int(value.Get("length").ToInteger())
		if n <= len(*keys) {
			*keys = (*keys)[n:]
		}
	case "Boolean":
		typ = "Boolean"
	default:
		typ = "BigInt"
	}
	base := "[" + typ
	if typ != constructor {
		if nullCtor {
			base += " (null prototype)"
		} else {
			base += " (" + constructor + ")"
		}
	}
	saved := c.indentationLvl
	base += ": " + c.formatPrimitive(prim) + "]"
	c.indentationLvl = saved
	if tag != "" && tag != constructor {
		base += " [" + tag + "]"
	}
	return base
}

// formatError renders an Error: its stack (in Node's frame format) plus extra keys.
func (c *inspectCtx) formatError(err *goja.Object, constructor string, nullCtor bool, tag string, keys []prop) (string, []prop) {
	name := "Error"
	if n := err.Get("name"); n != nil && !goja.IsUndefined(n) && !goja.IsNull(n) {
		name = n.String()
	}
	stack := nodeStack(c.call(c.h.stackOf, err).String())

	// removeDuplicateErrorKeys
	if !c.showHidden && len(keys) != 0 {
		for _, k := range []string{"name", "message", "stack"} {
			for i, p := range keys {
				if key := p.key; goja.IsString(key) && key.String() == k {
					v := err.Get(k)
					if v != nil && strings.Contains(stack, v.String()) {
						keys = append(keys[:i:i], keys[i+1:]...)
					}
					break
				}
			}
		}
	}
	hasKey := func(k string) bool {
		for _, p := range keys {
			if goja.IsString(p.key) && p.key.String() == k {
				return true
			}
		}
		return false
	}
	if c.call(c.h.has, err, c.rt.ToValue("cause")).ToBoolean() && !hasKey("cause") {
		keys = append(keys, prop{key: c.rt.ToValue("cause")})
	}
	if errs, ok := err.Get("errors").(*goja.Object); ok && errs.ClassName() == "Array" && !hasKey("errors") {
		keys = append(keys, prop{key: c.rt.ToValue("errors")})
	}
	stack = improveStack(stack, constructor, nullCtor, name, tag)

	pos := -1
	if m := err.Get("message"); m != nil && !goja.IsUndefined(m) && m.String() != "" {
		msg := m.String()
		if i := strings.Index(stack, msg); i > 0 {
			pos = i + len(msg)
		}
	}
	from := pos
	if from < 0 {
		from = 0
	}
	stackStart := strings.Index(stack[from:], "\n    at")
	if stackStart == -1 {
		stack = "[" + stack + "]"
	}
	if c.indentationLvl != 0 {
		stack = strings.ReplaceAll(stack, "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
	}
	return stack, keys
}

// gojaFrame matches goja's stack frame lines: "\tat name (file:line:col(pc))".
var gojaFrame = lazyRegexp(`^\tat (.*?)(\(\d+\))?(\))?$`)

// nodeStack rewrites goja's stack frames ("\tat f (file:1:2(3))") in Node's format
// ("    at f (file:1:2)") so that errors print as in Node.
func nodeStack(stack string) string {
	if !strings.Contains(stack, "\n\tat ") {
		return strings.TrimRight(stack, "\n")
	}
	lines := strings.Split(strings.TrimRight(stack, "\n"), "\n")
	for i, l := range lines {
		if m := gojaFrame().FindStringSubmatch(l); m != nil {
			lines[i] = "    at " + m[1] + m[3]
		}
	}
	return strings.Join(lines, "\n")
}

var (
	errorNameStart = lazyRegexp(`^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)`)
	errorNameOnly  = lazyRegexp(`^([a-z_A-Z0-9-]*Error)$`)
)

func improveStack(stack, constructor string, nullCtor bool, name, tag string) string {
	ln := len(name)
	if nullCtor || (strings.HasSuffix(name, "Error") && strings.HasPrefix(stack, name) &&
		(len(stack) == ln || stack[ln] == ':' || stack[ln] == '\n')) {
		fallback := "Error"
		if nullCtor {
			m := errorNameStart().FindStringSubmatch(stack)
			if m == nil {
				m = errorNameOnly().FindStringSubmatch(stack)
			}
			fallback = ""
			if m != nil {
				fallback = m[1]
			}
			ln = len(fallback)
			if fallback == "" {
				fallback = "Error"
			}
		}
		prefix := getPrefix(constructor, nullCtor, tag, fallback, "")
		prefix = prefix[:len(prefix)-1]
		if name != prefix {
			if strings.Contains(prefix, name) {
				if ln == 0 {
					stack = prefix + ": " + stack
				} else {
					stack = prefix + stack[ln:]
				}
			} else {
				stack = prefix + " [" + name + "]" + stack[ln:]
			}
		}
	}
	return stack
}

func (c *inspectCtx) formatArrayBuffer(b []byte) []string {
	n := len(b)
	if n > c.maxArrayLength {
		n = c.maxArrayLength
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(hexByte(b[i]))
	}
	str := sb.String()
	if remaining := len(b) - c.maxArrayLength; remaining > 0 {
		str += " ... " + strconv.Itoa(remaining) + " more byte" + plural(remaining)
	}
	return []string{"[Uint8Contents]: <" + str + ">"}
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

func remainingText(remaining int) string {
	return "... " + strconv.Itoa(remaining) + " more item" + plural(remaining)
}

func (c *inspectCtx) formatArray(value *goja.Object, recurseTimes int, elems []prop) []string {
	valLen := int(value.Get("length").ToInteger())
	length := valLen
	if length > c.maxArrayLength {
		length = c.maxArrayLength
	}
	remaining := valLen - length
	output := make([]string, 0, length+1)
	for i := 0; i < length; i++ {
		if i >= len(elems) || elems[i].kind == propHole {
			return c.formatSpecialArray(value, recurseTimes, length, output, i, valLen)
		}
		output = append(output, c.formatProperty(value, recurseTimes, &elems[i], kArrayType))
	}
	if remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output
}

// formatSpecialArray handles sparse arrays (holes print as "<n empty items>").
func (c *inspectCtx) formatSpecialArray(value *goja.Object, recurseTimes, maxLength int, output []string, i, valLen int) []string {
	keys := value.Keys()
	index := i
	for ; i < len(keys) && len(output) < maxLength; i++ {
		key := keys[i]
		tmp, err := strconv.ParseInt(key, 10, 64)
		if err != nil || tmp > 1<<32-2 || strconv.FormatInt(tmp, 10) != key {
			break
		}
		if strconv.Itoa(index) != key {
			empty := int(tmp) - index
			output = append(output, "<"+strconv.Itoa(empty)+" empty item"+plural(empty)+">")
			index = int(tmp)
			if len(output) == maxLength {
				break
			}
		}
		output = append(output, c.formatProperty(value, recurseTimes, &prop{key: c.rt.ToValue(key)}, kArrayType))
		index++
	}
	remaining := valLen - index
	if len(output) != maxLength {
		if remaining > 0 {
			output = append(output, "<"+strconv.Itoa(remaining)+" empty item"+plural(remaining)+">")
		}
	} else if remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output
}

func (c *inspectCtx) formatTypedArray(value *goja.Object, length int) []string {
	maxLength := length
	if maxLength > c.maxArrayLength {
		maxLength = c.maxArrayLength
	}
	output := make([]string, 0, maxLength+1)
	for i := 0; i < maxLength; i++ {
		output = append(output, c.formatPrimitive(value.Get(strconv.Itoa(i))))
	}
	if remaining := length - maxLength; remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output
}

func (c *inspectCtx) formatSet(values []goja.Value, recurseTimes int) []string {
	maxLength := len(values)
	if maxLength > c.maxArrayLength {
		maxLength = c.maxArrayLength
	}
	output := make([]string, 0, maxLength+1)
	c.indentationLvl += 2
	for _, v := range values[:maxLength] {
		output = append(output, c.formatValue(v, recurseTimes, false))
	}
	if remaining := len(values) - maxLength; remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	c.indentationLvl -= 2
	return output
}

func (c *inspectCtx) formatMap(entries []goja.Value, recurseTimes int) []string {
	maxLength := len(entries)
	if maxLength > c.maxArrayLength {
		maxLength = c.maxArrayLength
	}
	output := make([]string, 0, maxLength+1)
	c.indentationLvl += 2
	for _, e := range entries[:maxLength] {
		pair := e.ToObject(c.rt)
		k := c.formatValue(pair.Get("0"), recurseTimes, false)
		v := c.formatValue(pair.Get("1"), recurseTimes, false)
		output = append(output, k+" => "+v)
	}
	if remaining := len(entries) - maxLength; remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	c.indentationLvl -= 2
	return output
}

func (c *inspectCtx) formatPromise(p *goja.Promise, recurseTimes int) []string {
	switch p.State() {
	case goja.PromiseStatePending:
		return []string{"<pending>"}
	case goja.PromiseStateRejected:
		c.indentationLvl += 2
		s := c.formatValue(p.Result(), recurseTimes, false)
		c.indentationLvl -= 2
		return []string{"<rejected> " + s}
	default:
		c.indentationLvl += 2
		s := c.formatValue(p.Result(), recurseTimes, false)
		c.indentationLvl -= 2
		return []string{s}
	}
}

var keyStrRegExp = lazyRegexp(`^[a-zA-Z_][a-zA-Z_0-9]*$`)

func (c *inspectCtx) formatProperty(value *goja.Object, recurseTimes int, p *prop, typ int) string {
	if !p.known {
		c.loadProp(value, p)
	}
	var str string
	enumerable := p.kind&propHidden == 0
	switch p.kind &^ propHidden {
	case propData:
		c.indentationLvl += 2
		str = c.formatValue(p.value, recurseTimes, false)
		c.indentationLvl -= 2
	case propGetter:
		str = "[Getter]"
	case propSetter:
		str = "[Setter]"
	case propGetterSetter:
		str = "[Getter/Setter]"
	default:
		str = "undefined"
	}
	key := p.key
	if typ == kArrayType {
		return str
	}
	var name string
	if sym, ok := key.(*goja.Symbol); ok {
		name = "[" + escapeAll(symbolString(sym)) + "]"
	} else if k := key.String(); k == "__proto__" {
		name = "['__proto__']"
	} else if !enumerable {
		name = "[" + escapeAll(k) + "]"
	} else if keyStrRegExp().MatchString(k) {
		name = k
	} else {
		name = strEscape(k)
	}
	return name + ": " + str
}

func (c *inspectCtx) getKey(o *goja.Object, key goja.Value) goja.Value {
	if sym, ok := key.(*goja.Symbol); ok {
		return o.GetSymbol(sym)
	}
	return o.Get(key.String())
}

func (c *inspectCtx) formatPrimitive(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch x := v.Export().(type) {
	case string:
		if sym, isSym := v.(*goja.Symbol); isSym {
			return symbolString(sym)
		}
		if js, ok := v.(goja.String); ok && strings.ContainsRune(x, utf8.RuneError) {
			x = markLoneSurrogates(js)
		}
		return c.formatString(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	case *big.Int:
		return x.String() + "n"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatNumber(v, x)
	}
	return v.String()
}

func formatNumber(v goja.Value, f float64) string {
	if f == 0 && math.Signbit(f) {
		return "-0"
	}
	return v.String()
}

func (c *inspectCtx) formatString(value string) string {
	trailer := ""
	units := utf16.Encode([]rune(value))
	if len(units) > c.maxStringLen {
		remaining := len(units) - c.maxStringLen
		value = string(utf16.Decode(units[:c.maxStringLen]))
		units = units[:c.maxStringLen]
		trailer = "... " + strconv.Itoa(remaining) + " more character" + plural(remaining)
	}
	if len(units) > 16 && len(units) > c.breakLength-c.indentationLvl-4 {
		var parts []string
		rest := value
		for {
			i := strings.IndexByte(rest, '\n')
			if i < 0 || i == len(rest)-1 {
				parts = append(parts, strEscape(rest))
				break
			}
			parts = append(parts, strEscape(rest[:i+1]))
			rest = rest[i+1:]
		}
		return strings.Join(parts, " +\n"+strings.Repeat(" ", c.indentationLvl+2)) + trailer
	}
	return strEscape(value) + trailer
}

var escapeMeta = func() [160]string {
	var m [160]string
	named := map[int]string{8: `\b`, 9: `\t`, 10: `\n`, 12: `\f`, 13: `\r`, 39: `\'`, 92: `\\`}
	for i := 0; i < 160; i++ {
		switch {
		case named[i] != "":
			m[i] = named[i]
		case i < 32 || (i >= 0x7f && i < 0xa0):
			m[i] = `\x` + strings.ToUpper(hexByte(byte(i)))
		}
	}
	return m
}()

// Lone surrogates have no UTF-8 form: goja hands them to Go as U+FFFD. Inspect maps each to
// a private-use code point (loneSurrogateBase + unit) that strEscape prints as Node does,
// "\\ud83d".
const loneSurrogateBase = 0xF0000

func markLoneSurrogates(s goja.String) string {
	n := s.Length()
	units := make([]uint16, n)
	for i := 0; i < n; i++ {
		units[i] = s.CharAt(i)
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		u := units[i]
		switch {
		case u >= 0xD800 && u <= 0xDBFF && i+1 < n && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			sb.WriteRune(utf16.DecodeRune(rune(u), rune(units[i+1])))
			i++
		case u >= 0xD800 && u <= 0xDFFF:
			sb.WriteRune(loneSurrogateBase + rune(u))
		default:
			sb.WriteRune(rune(u))
		}
	}
	return sb.String()
}

// strEscape quotes a string as Node does: single quotes unless the string contains one,
// then double quotes, then backticks; control characters escaped.
func strEscape(str string) string {
	quote := byte('\'')
	if strings.Contains(str, "'") {
		if !strings.Contains(str, `"`) {
			quote = '"'
		} else if !strings.Contains(str, "`") && !strings.Contains(str, "${") {
			quote = '`'
		}
	}
	return string(quote) + InspectEscape(str, quote == '\'') + string(quote)
}

// InspectEscape escapes s as util.inspect does between its quotes: inside single quotes ' is
// escaped, inside double quotes or backticks it is not; control characters, DEL and C1
// controls, and backslashes are escaped alike (Node's strEscape and its meta table).
func InspectEscape(s string, singleQuotes bool) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\'' && singleQuotes:
			sb.WriteString(`\'`)
		case r < 160 && escapeMeta[r] != "" && r != '\'':
			sb.WriteString(escapeMeta[r])
		case r >= loneSurrogateBase+0xD800 && r <= loneSurrogateBase+0xDFFF:
			sb.WriteString(`\u` + strconv.FormatInt(int64(r-loneSurrogateBase), 16))
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// escapeAll escapes control characters, quotes and backslashes (strEscapeSequencesReplacer).
func escapeAll(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if r < 160 && escapeMeta[r] != "" {
			sb.WriteString(escapeMeta[r])
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// UTF16Len is the length of s in UTF-16 code units, the unit of JavaScript strings (an
// invalid byte counts as one, as it decodes to U+FFFD).
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func (c *inspectCtx) isBelowBreakLength(output []string, start int, base string) bool {
	totalLength := len(output) + start
	if totalLength+len(output) > c.breakLength {
		return false
	}
	for _, o := range output {
		totalLength += UTF16Len(o)
		if totalLength > c.breakLength {
			return false
		}
	}
	return base == "" || !strings.Contains(base, "\n")
}

func (c *inspectCtx) reduceToSingleString(output []string, base string, braces [2]string, extrasType, recurseTimes int, value *goja.Object) string {
	entries := len(output)
	if c.compact >= 1 && extrasType == kArrayExtrasType && entries > 6 {
		output = c.groupArrayElements(output, value)
	}
	if c.compact >= 1 && c.currentDepth-recurseTimes < c.compact && entries == len(output) {
		start := len(output) + c.indentationLvl + UTF16Len(braces[0]) + UTF16Len(base) + 10
		if c.isBelowBreakLength(output, start, base) {
			joined := strings.Join(output, ", ")
			if !strings.Contains(joined, "\n") {
				b := ""
				if base != "" {
					b = base + " "
				}
				return b + braces[0] + " " + joined + " " + braces[1]
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", c.indentationLvl)
	b := ""
	if base != "" {
		b = base + " "
	}
	return b + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
}

func (c *inspectCtx) groupArrayElements(output []string, value *goja.Object) []string {
	totalLength := 0
	maxLength := 0
	outputLength := len(output)
	if c.maxArrayLength < len(output) {
		// This makes sure the "... n more items" part is not taken into account.
		outputLength--
	}
	const separatorSpace = 2
	dataLen := make([]int, outputLength)
	for i := 0; i < outputLength; i++ {
		l := UTF16Len(output[i])
		dataLen[i] = l
		totalLength += l + separatorSpace
		if maxLength < l {
			maxLength = l
		}
	}
	actualMax := maxLength + separatorSpace
	if actualMax*3+c.indentationLvl < c.breakLength &&
		(float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		const approxCharHeights = 2.5
		averageBias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
		biasedMax := math.Max(float64(actualMax)-3-averageBias, 1)
		columns := minInt(
			int(math.Round(math.Sqrt(approxCharHeights*biasedMax*float64(outputLength))/biasedMax)),
			(c.breakLength-c.indentationLvl)/actualMax,
			c.compact*4,
			15,
		)
		if columns <= 1 {
			return output
		}
		var tmp []string
		var maxLineLength []int
		for i := 0; i < columns; i++ {
			lineLength := 0
			for j := i; j < len(output); j += columns {
				if j < outputLength && dataLen[j] > lineLength {
					lineLength = dataLen[j]
				}
			}
			maxLineLength = append(maxLineLength, lineLength+separatorSpace)
		}
		padStart := true
		if value != nil {
			for i := 0; i < len(output); i++ {
				v := value.Get(strconv.Itoa(i))
				if !isNumberOrBigInt(v) {
					padStart = false
					break
				}
			}
		}
		for i := 0; i < outputLength; i += columns {
			max := minInt(i+columns, outputLength)
			var sb strings.Builder
			j := i
			for ; j < max-1; j++ {
				sb.WriteString(pad(output[j]+", ", maxLineLength[j-i], padStart))
			}
			if padStart {
				sb.WriteString(pad(output[j], maxLineLength[j-i]-separatorSpace, true))
			} else {
				sb.WriteString(output[j])
			}
			tmp = append(tmp, sb.String())
		}
		if c.maxArrayLength < len(output) {
			tmp = append(tmp, output[outputLength])
		}
		output = tmp
	}
	return output
}

func isNumberOrBigInt(v goja.Value) bool {
	if v == nil {
		return false
	}
	if _, ok := v.(*goja.Object); ok {
		return false
	}
	switch v.Export().(type) {
	case int64, float64, *big.Int:
		return true
	}
	return false
}

func pad(s string, width int, start bool) string {
	n := width - UTF16Len(s)
	if n <= 0 {
		return s
	}
	if start {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

func minInt(a int, rest ...int) int {
	for _, b := range rest {
		if b < a {
			a = b
		}
	}
	return a
}

// optionsFromJS reads util.inspect's options object (the subset hookterm supports).
func optionsFromJS(rt *goja.Runtime, v goja.Value) inspectOptions {
	opts := defaultInspectOptions()
	o, ok := v.(*goja.Object)
	if !ok {
		return opts
	}
	if d := o.Get("depth"); d != nil && !goja.IsUndefined(d) {
		if goja.IsNull(d) || math.IsInf(d.ToFloat(), 1) {
			opts.infiniteDepth = true
		} else {
			opts.depth = int(d.ToInteger())
		}
	}
	if b := o.Get("breakLength"); b != nil && !goja.IsUndefined(b) {
		if math.IsInf(b.ToFloat(), 1) {
			opts.breakLength = math.MaxInt32
		} else {
			opts.breakLength = int(b.ToInteger())
		}
	}
	if s := o.Get("showHidden"); s != nil && !goja.IsUndefined(s) {
		opts.showHidden = s.ToBoolean()
	}
	if m := o.Get("maxArrayLength"); m != nil && !goja.IsUndefined(m) {
		if goja.IsNull(m) || math.IsInf(m.ToFloat(), 1) {
			opts.maxArrayLength = math.MaxInt32
		} else {
			opts.maxArrayLength = int(m.ToInteger())
		}
	}
	if m := o.Get("maxStringLength"); m != nil && !goja.IsUndefined(m) {
		if goja.IsNull(m) || math.IsInf(m.ToFloat(), 1) {
			opts.maxStringLen = math.MaxInt32
		} else {
			opts.maxStringLen = int(m.ToInteger())
		}
	}
	if m := o.Get("customInspect"); m != nil && !goja.IsUndefined(m) {
		opts.customInspect = m.ToBoolean()
	}
	if m := o.Get("compact"); m != nil && !goja.IsUndefined(m) {
		if b, isBool := m.Export().(bool); isBool {
			if !b {
				opts.compact = 0
			} else {
				panic(rt.NewTypeError("hookterm: util.inspect's compact: true is not supported"))
			}
		} else {
			opts.compact = int(m.ToInteger())
		}
	}
	return opts
}

// symbolString is Symbol.prototype.toString: goja's String() gives only the description.
func symbolString(s *goja.Symbol) string { return "Symbol(" + s.String() + ")" }

// execResultOrder puts a RegExp match's extra properties in V8's order (index, input,
// groups): goja creates input before index, which would show in console output.
func execResultOrder(keys []prop) []prop {
	if len(keys) < 3 || len(keys) > 4 {
		return keys
	}
	name := func(i int) string {
		if goja.IsString(keys[i].key) {
			return keys[i].key.String()
		}
		return ""
	}
	if name(0) == "input" && name(1) == "index" && name(2) == "groups" {
		keys[0], keys[1] = keys[1], keys[0]
	}
	return keys
}

// loadProp reads one property's descriptor (the slow path, for keys describe() did not
// report: error causes, sparse arrays, ArrayBuffer's byteLength).
func (c *inspectCtx) loadProp(o *goja.Object, p *prop) {
	p.known = true
	desc, _ := c.call(c.h.desc, o, p.key).(*goja.Object)
	if desc == nil {
		p.kind, p.value = propData, c.getKey(o, p.key)
		return
	}
	if !desc.Get("enumerable").ToBoolean() {
		p.kind = propHidden
	}
	getter, setter := desc.Get("get"), desc.Get("set")
	hasGet := getter != nil && !goja.IsUndefined(getter)
	hasSet := setter != nil && !goja.IsUndefined(setter)
	switch {
	case hasGet && hasSet:
		p.kind |= propGetterSetter
	case hasGet:
		p.kind |= propGetter
	case hasSet:
		p.kind |= propSetter
	default:
		p.kind |= propData
		p.value = desc.Get("value")
	}
}
