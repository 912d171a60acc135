package runner

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// errorFromGo converts an error returned by goja (an exception, an interruption, a stack
// overflow) into a ScriptError.
func (ex *execution) errorFromGo(err error) *ScriptError {
	var intr *goja.InterruptedError
	if errors.As(err, &intr) {
		if why, ok := intr.Value().(*interruption); ok {
			switch why.kind {
			case KindMemory:
				return ex.memoryError(why.message)
			default:
				se := ex.timeoutError(false)
				if why.message != "" {
					se.Message = why.message
				}
				return se
			}
		}
		return &ScriptError{Name: "Error", Message: intr.Error(), Kind: KindInternal}
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		se := &ScriptError{Name: "RangeError", Message: "Maximum call stack size exceeded", Kind: KindRuntime}
		frames := so.Stack()
		var b strings.Builder
		b.WriteString("RangeError: Maximum call stack size exceeded")
		for i, f := range frames {
			if i == 10 {
				break
			}
			b.WriteString("\n    at ")
			b.WriteString(ex.frameString(f))
		}
		se.Stack = b.String()
		se.Line, se.Column = ex.firstUserFrame(frames)
		return se
	}
	var jsErr *goja.Exception
	if errors.As(err, &jsErr) {
		se := ex.errorFromValue(jsErr.Value(), KindRuntime)
		if se.Line == 0 {
			se.Line, se.Column = ex.firstUserFrame(jsErr.Stack())
		}
		return se
	}
	return &ScriptError{Name: "Error", Message: err.Error(), Kind: KindInternal}
}

func (ex *execution) memoryError(detail string) *ScriptError {
	limit := ex.req.MemoryLimit
	if limit <= 0 {
		limit = DefaultMemoryLimit
	}
	msg := fmt.Sprintf("The script exceeded the memory limit of %d MiB", limit>>20)
	if detail != "" {
		msg += " (" + detail + ")"
	}
	return &ScriptError{Name: "MemoryLimitError", Message: msg, Kind: KindMemory}
}

// errorFromValue describes a thrown or passed error value the way Auth0's adapter does:
// non-Error values become new Error(value.message || String(value)).
func (ex *execution) errorFromValue(v goja.Value, kind string) *ScriptError {
	rt := ex.rt
	se := &ScriptError{Name: "Error", Kind: kind}
	obj, isObj := v.(*goja.Object)
	if !isObj || !isErrorObject(rt, obj) {
		msg := ""
		if isObj {
			if m := obj.Get("message"); m != nil && m.ToBoolean() {
				msg = m.String()
			}
		}
		if msg == "" {
			msg = safeString(v)
		}
		se.Message = msg
		se.Stack = "Error: " + msg
		// No Properties: the Error Auth0's adapter builds has none of the value's own
		// properties, so its envelope carries only message and stack (contract §1.1); a
		// `code` shown here would promise the caller a field Auth0 never sends.
		return se
	}
	if n := obj.Get("name"); n != nil && !goja.IsUndefined(n) {
		se.Name = n.String()
	}
	if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
		se.Message = m.String()
	}
	if f := obj.Get("friendlyMessage"); f != nil && !goja.IsUndefined(f) && !goja.IsNull(f) {
		se.FriendlyMessage = f.String()
	}
	inNative := false
	if s := obj.Get("stack"); s != nil && !goja.IsUndefined(s) {
		inNative = thrownByNative(s.String())
		se.Stack = ex.fixStack(s.String())
	}
	se.Properties = ex.errorProperties(obj)
	se.Line, se.Column = ex.stackPosition(se.Stack)
	if se.Name == "TypeError" || se.Name == "ReferenceError" {
		// goja words engine TypeErrors its own way ("Object has no member 'foo'"); hooks are
		// written and debugged against V8's ("user.foo is not a function"), and V8 points
		// at the property or callee name where goja points at the object or the '('.
		orig, oldLine, oldCol := se.Message, se.Line, se.Column
		msg, line, col := orig, oldLine, oldCol
		v8 := ""
		if !inNative {
			// goja places errors of constructs that record no position of their own (the
			// literal null, destructuring, for-of, `in`) at an earlier position, often the
			// function's header, and words them its own way (positions_nullish.go).
			if m, l, c, ok := nullishConstruct(ex.req.Script, msg, line, col, ex.point.Args, ex.req.Payload); ok {
				if m != msg {
					v8 = m
				}
				msg, line, col = m, l, c
			}
		}
		if v8 == "" {
			gojaCol := col
			if !inNative {
				// The position is the failing member access (a native function's error is
				// placed at the call that reached it).
				msg, col = memberOfNullish(ex.req.Script, msg, line, col)
			}
			// nodelib inspects the source by characters, not UTF-16 units.
			v8 = nodelib.V8MessageAt(msg, ex.req.Script, line, runeColumn(ex.req.Script, line, gojaCol), inNative)
			if strings.HasSuffix(v8, " is not a function") {
				col = calleeColumn(ex.req.Script, line, col)
			}
		}
		if m := ofUndefined().FindStringSubmatch(v8); m != nil && !inNative &&
			nullMemberObject(ex.req.Script, ex.point.Args, ex.req.Payload, m[3], m[1] == "set", line, col) {
			// The object was null, which goja words as undefined (positions_nullvalue.go).
			v8 = strings.Replace(v8, " of undefined ", " of null ", 1)
		}
		if v8 != orig {
			se.Stack = strings.Replace(se.Stack, orig, v8, 1)
			se.Message = v8
		}
		if line != oldLine || col != oldCol {
			at := func(l, c int) string { return fmt.Sprintf("%s:%d:%d", ex.req.Filename, l, c) }
			se.Stack = strings.Replace(se.Stack, at(oldLine, oldCol), at(line, col), 1)
			se.Line, se.Column = line, col
		}
	}
	return se
}

// thrownByNative reports whether goja's stack (before fixStack) starts in a native function
// ("at map (native)"): the error came from a built-in the script called, such as
// arr.map(5), whose "Value is not an object: 5" V8 words as "5 is not a function".
func thrownByNative(stack string) bool {
	for _, l := range strings.Split(stack, "\n") {
		if t := strings.TrimLeft(l, " \t"); strings.HasPrefix(t, "at ") {
			return strings.HasSuffix(t, "(native)")
		}
	}
	return false
}

func isErrorObject(rt *goja.Runtime, obj *goja.Object) bool {
	errCtor := rt.Get("Error")
	ok := false
	func() {
		defer func() { _ = recover() }()
		ok = obj.ClassName() == "Error" || rt.InstanceOf(obj, errCtor.ToObject(rt))
	}()
	return ok
}

func safeString(v goja.Value) (s string) {
	defer func() {
		if recover() != nil {
			s = "[object]"
		}
	}()
	return v.String()
}

// fixStack rewrites a goja stack into Node's shape ("    at fn (file:line:col)") with
// positions in the user's script: goja writes "\tat fn (file:line:col(pc))".
func (ex *execution) fixStack(stack string) string {
	lines := strings.Split(stack, "\n")
	out := lines[:0]
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if !strings.HasPrefix(t, "at ") {
			out = append(out, l)
			continue
		}
		if strings.Contains(t, "hookterm:prelude") || strings.Contains(t, "github.com/") {
			// The prelude and Go-implemented frames (the callback) are hookterm's, not the user's,
			// and so is the Reflect.apply through which the prelude's enter calls the module.
			if n := len(out); n > 0 && strings.TrimSpace(out[n-1]) == "at apply (native)" {
				out = out[:n-1]
			}
			continue
		}
		t = pcSuffix().ReplaceAllString(t, "")
		t = ex.userPositionIn(t)
		t = ex.utf16Positions(t)
		out = append(out, "    "+t)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

var ofUndefined = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^Cannot (read|set) properties of undefined \((reading|setting) '(.*)'\)$`)
})

var pcSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\(\d+\)\)?$`) })

// userPositionIn shows the compiled name of the user's file as the request names it and
// closes the frame's parenthesis (positions are the user's already, through the source map).
func (ex *execution) userPositionIn(s string) string {
	if ex.prog != nil && ex.prog.name != ex.req.Filename {
		s = strings.ReplaceAll(s, ex.prog.name+":", ex.req.Filename+":")
	}
	if strings.HasSuffix(s, ")") || !strings.Contains(s, "(") {
		return s
	}
	return s + ")"
}

// utf16Positions rewrites the columns of the user's file in a stack frame from goja's bytes
// to V8's UTF-16 code units (see positions_utf16.go).
func (ex *execution) utf16Positions(frame string) string {
	name := ex.req.Filename + ":"
	var b strings.Builder
	for {
		i := strings.Index(frame, name)
		if i < 0 {
			b.WriteString(frame)
			return b.String()
		}
		b.WriteString(frame[:i+len(name)])
		frame = frame[i+len(name):]
		line, n1 := leadingInt(frame)
		if n1 == 0 || n1 >= len(frame) || frame[n1] != ':' {
			continue
		}
		col, n2 := leadingInt(frame[n1+1:])
		if n2 == 0 {
			continue
		}
		b.WriteString(strconv.Itoa(line) + ":" + strconv.Itoa(utf16Column(ex.req.Script, line, col)))
		frame = frame[n1+1+n2:]
	}
}

// leadingInt parses the decimal digits s starts with and says how many bytes they took.
func leadingInt(s string) (int, int) {
	k := 0
	for k < len(s) && k < 9 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	v, _ := strconv.Atoi(s[:k])
	return v, k
}

// stackPosition finds the first position in the user's file in a (fixed) stack.
func (ex *execution) stackPosition(stack string) (int, int) {
	name := ex.req.Filename + ":"
	for _, l := range strings.Split(stack, "\n") {
		i := strings.Index(l, name)
		if i < 0 {
			continue
		}
		rest := l[i+len(name):]
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) < 2 {
			continue
		}
		line, err1 := strconv.Atoi(parts[0])
		colStr := parts[1]
		k := 0
		for k < len(colStr) && colStr[k] >= '0' && colStr[k] <= '9' {
			k++
		}
		col, err2 := strconv.Atoi(colStr[:k])
		if err1 == nil && err2 == nil {
			return line, col
		}
	}
	return 0, 0
}

func (ex *execution) firstUserFrame(frames []goja.StackFrame) (int, int) {
	for _, f := range frames {
		if ex.prog != nil && f.SrcName() == ex.prog.name {
			p := f.Position()
			line, col := userPosition(p.Line, p.Column, 0, ex.req.Script)
			return line, utf16Column(ex.req.Script, line, col)
		}
	}
	return 0, 0
}

func (ex *execution) frameString(f goja.StackFrame) string {
	name := f.FuncName()
	if name == "" {
		name = "<anonymous>"
	}
	p := f.Position()
	src := f.SrcName()
	col := p.Column
	if ex.prog != nil && src == ex.prog.name {
		src = ex.req.Filename
		col = utf16Column(ex.req.Script, p.Line, col)
	}
	return fmt.Sprintf("%s (%s:%d:%d)", name, src, p.Line, col)
}
