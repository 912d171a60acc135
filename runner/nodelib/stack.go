package nodelib

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// defaultStackTraceLimit is V8's Error.stackTraceLimit.
const defaultStackTraceLimit = 10

// nodeFrameLines renders at most limit frames in V8's form ("    at f (hook.js:3:5)",
// "    at hook.js:3:5"), most recent first, leaving out the frames that are not the user's:
// Go functions (hookterm's own built-ins) and the runner's prelude. goja does not name class
// constructors or methods by their class ("new E", "Object.f"): frames carry the function's
// own name, as goja's stacks do elsewhere.
func nodeFrameLines(frames []goja.StackFrame, limit int) []string {
	var out []string
	for _, f := range frames {
		if len(out) >= limit {
			break
		}
		if !userFrame(f) {
			continue
		}
		out = append(out, "    at "+frameText(f))
	}
	return out
}

// userFrame says whether a frame belongs in a stack shown to the user: not a Go function of
// hookterm (goja names those by their Go path) and not the runner's prelude.
func userFrame(f goja.StackFrame) bool {
	src := f.SrcName()
	if src == "<native>" {
		return !strings.Contains(f.FuncName(), "/")
	}
	return !strings.HasPrefix(src, "hookterm:")
}

func frameText(f goja.StackFrame) string {
	name := f.FuncName()
	if f.SrcName() == "<native>" {
		return name + " (native)"
	}
	p := f.Position()
	loc := p.Filename
	if loc == "" {
		loc = f.SrcName()
	}
	loc += ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	if name == "" || name == "<anonymous>" {
		return loc
	}
	return name + " (" + loc + ")"
}

// stackTraceLimit reads Error.stackTraceLimit as V8 does: a number (Infinity for all
// frames); anything else captures no frames.
func stackTraceLimit(rt *goja.Runtime) int {
	errCtor, ok := rt.Get("Error").(*goja.Object)
	if !ok {
		return defaultStackTraceLimit
	}
	v := errCtor.Get("stackTraceLimit")
	if v == nil || goja.IsUndefined(v) {
		return defaultStackTraceLimit
	}
	if _, isNum := v.Export().(int64); !isNum {
		if _, isFloat := v.Export().(float64); !isFloat {
			return 0
		}
	}
	x := v.ToFloat()
	switch {
	case math.IsNaN(x) || x <= 0:
		return 0
	case x >= math.MaxInt32:
		return math.MaxInt32
	}
	return int(x)
}

// errorHeader is V8's ErrorUtils::ToString for a stack's first line: name (default "Error")
// and message (default ""), joined by ": " when both are set.
func errorHeader(obj *goja.Object) string {
	name, msg := "Error", ""
	if v := obj.Get("name"); v != nil && !goja.IsUndefined(v) {
		name = v.String()
	}
	if v := obj.Get("message"); v != nil && !goja.IsUndefined(v) {
		msg = v.String()
	}
	switch {
	case name == "":
		return msg
	case msg == "":
		return name
	}
	return name + ": " + msg
}

// captureStackTrace is V8's Error.captureStackTrace(obj, fn): it sets obj.stack
// (configurable, not enumerable; a data property once read) to the header and the current
// frames, leaving out the frames above and including the most recent call of fn. goja's frames carry function names only:
// fn's frame is found by its name; class constructors, which goja leaves unnamed, are
// recognised as the leading unnamed frames, at most one per class of fn's chain.
func captureStackTrace(rt *goja.Runtime, call goja.FunctionCall) goja.Value {
	obj, ok := call.Argument(0).(*goja.Object)
	if !ok {
		panic(rt.NewTypeError("invalid_argument")) // V8's own wording
	}
	frames := rt.CaptureCallStack(0, nil)
	// The first frame is this Go function.
	if len(frames) > 0 && frames[0].SrcName() == "<native>" {
		frames = frames[1:]
	}
	if fn, isFn := call.Argument(1).(*goja.Object); isFn {
		if _, callable := goja.AssertFunction(fn); callable {
			frames = framesBelow(rt, frames, fn)
		}
	}
	lines := nodeFrameLines(frames, stackTraceLimit(rt))
	// V8 formats the stack on its first read, so the header shows the name and message the
	// object has then (a subclass sets this.name after super() has captured the trace): the
	// property is an accessor that turns itself into a data property when read or written.
	setData := func(v goja.Value) {
		if err := obj.DefineDataProperty("stack", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	getter := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if this, ok := call.This.(*goja.Object); !ok || !this.SameAs(obj) {
			return goja.Undefined()
		}
		stack := errorHeader(obj)
		if len(lines) > 0 {
			stack += "\n" + strings.Join(lines, "\n")
		}
		v := rt.ToValue(stack)
		setData(v)
		return v
	})
	setter := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if this, ok := call.This.(*goja.Object); ok && this.SameAs(obj) {
			setData(call.Argument(0))
		}
		return goja.Undefined()
	})
	if err := obj.DefineAccessorProperty("stack", getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		panic(err)
	}
	return goja.Undefined()
}

// framesBelow drops the frames above and including fn's most recent frame. A named function
// is found by name; when no frame has that name and fn is a class, its constructor's frame
// is one of the leading unnamed frames (goja does not name them): as many of those are
// dropped as fn's chain has classes. V8 leaves no frames at all when fn is not on the stack;
// so does this when fn is a named plain function that no frame names.
func framesBelow(rt *goja.Runtime, frames []goja.StackFrame, fn *goja.Object) []goja.StackFrame {
	name := ""
	if v := fn.Get("name"); v != nil && !goja.IsUndefined(v) {
		name = v.String()
	}
	if name != "" {
		for i, f := range frames {
			if f.FuncName() == name {
				return frames[i+1:]
			}
		}
	}
	classes := classChainLength(rt, fn)
	if classes == 0 {
		return nil
	}
	i := 0
	for i < len(frames) && classes > 0 && frames[i].SrcName() != "<native>" && frames[i].FuncName() == "<anonymous>" {
		i++
		classes--
	}
	return frames[i:]
}

// classChainLength counts the classes from fn up its prototype chain (class B extends A:
// 2), stopping at the first function that is not a class (Error, Function.prototype).
func classChainLength(rt *goja.Runtime, fn *goja.Object) int {
	n := 0
	for o := fn; o != nil && n < 64; o = o.Prototype() {
		if _, ok := goja.AssertFunction(o); !ok {
			break
		}
		toString, ok := goja.AssertFunction(rt.Get("Function").ToObject(rt).Get("prototype").ToObject(rt).Get("toString"))
		if !ok {
			break
		}
		src, err := toString(o)
		if err != nil || !strings.HasPrefix(src.String(), "class") {
			break
		}
		n++
	}
	return n
}

// installErrorStack gives Error V8's captureStackTrace and stackTraceLimit.
func installErrorStack(rt *goja.Runtime) error {
	errCtor := rt.Get("Error").ToObject(rt)
	fn := rt.ToValue(func(call goja.FunctionCall) goja.Value { return captureStackTrace(rt, call) }).ToObject(rt)
	_ = fn.DefineDataProperty("name", rt.ToValue("captureStackTrace"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = fn.DefineDataProperty("length", rt.ToValue(2), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	if err := errCtor.DefineDataProperty("captureStackTrace", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return fmtErr("install Error.captureStackTrace", err)
	}
	if err := errCtor.DefineDataProperty("stackTraceLimit", rt.ToValue(defaultStackTraceLimit), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		return fmtErr("install Error.stackTraceLimit", err)
	}
	return nil
}
