package nodelib

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dop251/goja"
	"golang.org/x/text/width"
)

// ConsoleOptions configures NewConsole.
type ConsoleOptions struct {
	// Log receives every message the console writes, with its level: log, info, debug
	// (Node's stdout methods) or warn, error (stderr). A message may span several lines.
	Log func(level, msg string)
	// Now is console.time's clock; nil means time.Now.
	Now func() time.Time
}

// console is the state of one runtime's console: Node keeps the group indentation, the
// timers and the counters on the console object itself.
type console struct {
	rt     *goja.Runtime
	obj    *goja.Object
	opts   ConsoleOptions
	indent string
	times  map[string]time.Time
	counts map[string]int
}

// groupIndentation is Node's kGroupIndentationWidth default.
const groupIndentation = 2

// NewConsole builds Node 20's console (lib/internal/console/constructor.js) on rt: log, info,
// debug, dirxml, warn, error, dir, trace, assert, count, countReset, time, timeEnd, timeLog,
// group, groupCollapsed, groupEnd, table, and the no-ops clear, profile, profileEnd,
// timeStamp. As in Node, the composite methods write through the console's own log, warn and
// error (a script that replaces console.log sees console.count's line), and every line is
// indented by the current group depth. Node's process warnings (console.timeEnd of an
// unknown label, a repeated console.time) go to stderr, not to the console: nothing is
// written for them, as for Node's other warnings.
func NewConsole(rt *goja.Runtime, opts ConsoleOptions) *goja.Object {
	c := &console{rt: rt, opts: opts}
	c.obj = rt.NewDynamicObject(&consoleMethods{c: c})
	return c.obj
}

// consoleMethodNames are the console's methods in Node's order (Object.keys(console)).
var consoleMethodNames = [...]string{"log", "warn", "dir", "time", "timeEnd", "timeLog", "trace", "assert", "clear",
	"count", "countReset", "group", "groupEnd", "table", "debug", "info", "dirxml", "error", "groupCollapsed",
	"profile", "profileEnd", "timeStamp"}

// method returns the implementation of a console method, nil for other names.
func (c *console) method(name string) func(goja.FunctionCall) goja.Value {
	rt := c.rt
	direct := func(level string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			c.write(level, Format(rt, call.Arguments))
			return goja.Undefined()
		}
	}
	switch name {
	case "log", "info", "debug", "warn", "error":
		return direct(name)
	case "dirxml":
		// Node's dirxml is its log itself (not a call of console.log): it writes directly.
		return direct("log")
	case "dir":
		return c.dir
	case "trace":
		return c.trace
	case "assert":
		return c.assert
	case "count":
		return c.count
	case "countReset":
		return c.countReset
	case "time":
		return c.time
	case "timeEnd":
		return func(call goja.FunctionCall) goja.Value { return c.timeLog(call, true) }
	case "timeLog":
		return func(call goja.FunctionCall) goja.Value { return c.timeLog(call, false) }
	case "group", "groupCollapsed":
		return c.group
	case "groupEnd":
		return func(goja.FunctionCall) goja.Value {
			c.indent = c.indent[:max(0, len(c.indent)-groupIndentation)]
			return goja.Undefined()
		}
	case "table":
		return c.table
	case "clear", "profile", "profileEnd", "timeStamp":
		// Without a terminal (clear) or an inspector (the others), Node's do nothing.
		return func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	}
	return nil
}

// consoleMethods is the console object: a dynamic object that makes each method a function
// the first time it is read. A goja function object costs about 1.5 µs and 9 allocations;
// most hooks use one or two of the console's 22 methods.
type consoleMethods struct {
	c      *console
	values map[string]goja.Value // built, assigned, or nil for deleted
	order  []string              // assigned names that are not methods, in assignment order
}

func (m *consoleMethods) Get(key string) goja.Value {
	if v, ok := m.values[key]; ok {
		return v
	}
	f := m.c.method(key)
	if f == nil {
		return nil
	}
	fn := m.c.rt.ToValue(f).ToObject(m.c.rt)
	// goja names a Go function by its Go path; Node's are named after the method.
	_ = fn.DefineDataProperty("name", m.c.rt.ToValue(key), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	m.store(key, fn)
	return fn
}

func (m *consoleMethods) store(key string, v goja.Value) {
	if m.values == nil {
		m.values = make(map[string]goja.Value, 4)
	}
	if _, seen := m.values[key]; !seen && m.c.method(key) == nil {
		m.order = append(m.order, key)
	}
	m.values[key] = v
}

func (m *consoleMethods) Set(key string, v goja.Value) bool {
	m.store(key, v)
	return true
}

func (m *consoleMethods) Has(key string) bool {
	if v, ok := m.values[key]; ok {
		return v != nil
	}
	return m.c.method(key) != nil
}

func (m *consoleMethods) Delete(key string) bool {
	m.store(key, nil)
	return true
}

func (m *consoleMethods) Keys() []string {
	var keys []string
	for _, k := range consoleMethodNames {
		if m.Has(k) {
			keys = append(keys, k)
		}
	}
	for _, k := range m.order {
		if m.values[k] != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// write is Node's kWriteToConsole: the group indentation goes before every line.
func (c *console) write(level, msg string) {
	if c.indent != "" {
		msg = c.indent + strings.ReplaceAll(msg, "\n", "\n"+c.indent)
	}
	if c.opts.Log != nil {
		c.opts.Log(level, msg)
	}
}

// via calls the console's current method name (this.log in Node's sources).
func (c *console) via(name string, args []goja.Value) goja.Value {
	f, ok := goja.AssertFunction(c.obj.Get(name))
	if !ok {
		panic(c.rt.NewTypeError("this." + name + " is not a function"))
	}
	if _, err := f(c.obj, args...); err != nil {
		panic(err)
	}
	return goja.Undefined()
}

func (c *console) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}

// label is Node's `${label}` with 'default' for undefined.
func (c *console) label(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "default"
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		panic(c.rt.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

// dir inspects its first argument with customInspect off unless the options say otherwise.
func (c *console) dir(call goja.FunctionCall) goja.Value {
	opts := optionsFromJS(c.rt, call.Argument(1))
	if o, ok := call.Argument(1).(*goja.Object); !ok || o.Get("customInspect") == nil || goja.IsUndefined(o.Get("customInspect")) {
		opts.customInspect = false
	}
	c.write("log", inspectWith(c.rt, call.Argument(0), opts))
	return goja.Undefined()
}

// trace writes "Trace: <message>" and the caller's frames through console.error.
func (c *console) trace(call goja.FunctionCall) goja.Value {
	header := "Trace"
	if msg := Format(c.rt, call.Arguments); msg != "" {
		header += ": " + msg
	}
	frames := c.rt.CaptureCallStack(0, nil)
	if len(frames) > 0 && frames[0].SrcName() == "<native>" {
		frames = frames[1:] // console.trace itself
	}
	lines := nodeFrameLines(frames, stackTraceLimit(c.rt))
	if len(lines) > 0 {
		header += "\n" + strings.Join(lines, "\n")
	}
	return c.via("error", []goja.Value{c.rt.ToValue(header)})
}

func (c *console) assert(call goja.FunctionCall) goja.Value {
	if call.Argument(0).ToBoolean() {
		return goja.Undefined()
	}
	args := append([]goja.Value(nil), call.Arguments[min(1, len(call.Arguments)):]...)
	if len(args) == 0 {
		args = []goja.Value{c.rt.ToValue("Assertion failed")}
	} else {
		if _, isSym := args[0].(*goja.Symbol); isSym {
			panic(c.rt.NewTypeError("Cannot convert a Symbol value to a string"))
		}
		args[0] = c.rt.ToValue("Assertion failed: " + args[0].String())
	}
	return c.via("warn", args)
}

func (c *console) count(call goja.FunctionCall) goja.Value {
	label := c.label(call.Argument(0))
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[label]++
	return c.via("log", []goja.Value{c.rt.ToValue(label + ": " + strconv.Itoa(c.counts[label]))})
}

func (c *console) countReset(call goja.FunctionCall) goja.Value {
	delete(c.counts, c.label(call.Argument(0)))
	return goja.Undefined()
}

func (c *console) time(call goja.FunctionCall) goja.Value {
	label := c.label(call.Argument(0))
	if _, exists := c.times[label]; exists {
		return goja.Undefined() // Node: a process warning only
	}
	if c.times == nil {
		c.times = map[string]time.Time{}
	}
	c.times[label] = c.now()
	return goja.Undefined()
}

// timeLog is Node's timeLogImpl: "label: 1.234ms" and the extra arguments, through console.log.
func (c *console) timeLog(call goja.FunctionCall, end bool) goja.Value {
	label := c.label(call.Argument(0))
	start, ok := c.times[label]
	if !ok {
		return goja.Undefined() // Node: a process warning only
	}
	ms := float64(c.now().Sub(start)) / float64(time.Millisecond)
	args := []goja.Value{c.rt.ToValue("%s: %s"), c.rt.ToValue(label), c.rt.ToValue(formatConsoleTime(ms))}
	if !end && len(call.Arguments) > 1 {
		args = append(args, call.Arguments[1:]...)
	}
	if end {
		delete(c.times, label)
	}
	return c.via("log", args)
}

// formatConsoleTime is Node 20's formatTime (lib/internal/console/constructor.js).
func formatConsoleTime(ms float64) string {
	const second, minute, hour = 1000.0, 60 * 1000.0, 60 * 60 * 1000.0
	hours, minutes, seconds := 0.0, 0.0, 0.0
	if ms >= second {
		if ms >= minute {
			if ms >= hour {
				hours = math.Floor(ms / hour)
				ms = math.Mod(ms, hour)
			}
			minutes = math.Floor(ms / minute)
			ms = math.Mod(ms, minute)
		}
		seconds = ms / second
	}
	pad2 := func(s string) string {
		if len(s) < 2 {
			return "0" + s
		}
		return s
	}
	if hours != 0 || minutes != 0 {
		sec, frac, _ := strings.Cut(strconv.FormatFloat(seconds, 'f', 3, 64), ".")
		res := strconv.FormatFloat(minutes, 'f', -1, 64)
		unit := "m:ss.mmm"
		if hours != 0 {
			res = strconv.FormatFloat(hours, 'f', -1, 64) + ":" + pad2(res)
			unit = "h:mm:ss.mmm"
		}
		return res + ":" + pad2(sec) + "." + frac + " (" + unit + ")"
	}
	if seconds != 0 {
		return strconv.FormatFloat(seconds, 'f', 3, 64) + "s"
	}
	x, _ := strconv.ParseFloat(strconv.FormatFloat(ms, 'f', 3, 64), 64)
	return strconv.FormatFloat(x, 'f', -1, 64) + "ms"
}

func (c *console) group(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) > 0 {
		c.via("log", call.Arguments)
	}
	c.indent += strings.Repeat(" ", groupIndentation)
	return goja.Undefined()
}

// table is Node 20's console.table for arrays, plain objects, Maps and Sets (Node's
// previews of Map and Set iterators are not reachable from goja: an iterator prints as an
// object with no rows).
func (c *console) table(call goja.FunctionCall) goja.Value {
	rt := c.rt
	data := call.Argument(0)
	var props []string
	hasProps := false
	if p := call.Argument(1); !goja.IsUndefined(p) {
		po, ok := p.(*goja.Object)
		if !ok || po.ClassName() != "Array" {
			err := rt.NewTypeError(`The "properties" argument must be an instance of Array. Received ` + describeReceived(rt, p))
			_ = err.Set("code", "ERR_INVALID_ARG_TYPE")
			panic(err)
		}
		hasProps = true
		for i, n := 0, int(po.Get("length").ToInteger()); i < n; i++ {
			props = append(props, po.Get(strconv.Itoa(i)).String())
		}
	}
	obj, ok := data.(*goja.Object)
	if !ok {
		return c.via("log", []goja.Value{data})
	}
	if _, isFn := goja.AssertFunction(obj); isFn {
		// typeof 'function' is not 'object': Node logs it as it is.
		return c.via("log", []goja.Value{data})
	}
	inspectCell := func(v goja.Value) string {
		o := defaultInspectOptions()
		o.depth = 0
		if vo, isObj := v.(*goja.Object); isObj && vo.ClassName() != "Array" && len(vo.Keys()) > 2 {
			o.depth = -1
		}
		o.maxArrayLength = 3
		o.breakLength = math.MaxInt32
		return inspectWith(rt, v, o)
	}
	indexes := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = strconv.Itoa(i)
		}
		return out
	}
	final := func(head []string, columns [][]string) goja.Value {
		return c.via("log", []goja.Value{rt.ToValue(renderTable(head, columns))})
	}
	isMap := obj.ExportType() == typeMapExport
	isSet := !isMap && obj.ExportType() == typeArrayLike && obj.ClassName() != "Array" && obj.ClassName() != "Arguments" &&
		callHelper(helpersFor(rt).isSet, obj).ToBoolean()
	switch {
	case isMap:
		var keys, values []string
		c.forOf(obj, func(entry goja.Value) {
			e := entry.ToObject(rt)
			keys = append(keys, inspectCell(e.Get("0")))
			values = append(values, inspectCell(e.Get("1")))
		})
		return final([]string{"(iteration index)", "Key", "Values"}, [][]string{indexes(len(keys)), keys, values})
	case isSet:
		var values []string
		c.forOf(obj, func(v goja.Value) { values = append(values, inspectCell(v)) })
		return final([]string{"(iteration index)", "Values"}, [][]string{indexes(len(values)), values})
	}
	var order []string
	columns := map[string][]string{}
	set := func(key string, i int, s string) {
		col, seen := columns[key]
		if !seen {
			order = append(order, key)
		}
		for len(col) <= i {
			col = append(col, "")
		}
		col[i] = s
		columns[key] = col
	}
	hasPrimitives := false
	var primitives []string
	rowKeys := obj.Keys()
	for i, k := range rowKeys {
		item := obj.Get(k)
		itemObj, isObj := item.(*goja.Object)
		primitive := !isObj
		if !hasProps && primitive {
			hasPrimitives = true
			for len(primitives) <= i {
				primitives = append(primitives, "")
			}
			primitives[i] = inspectCell(item)
			continue
		}
		keys := props
		if !hasProps {
			keys = itemObj.Keys()
		}
		for _, key := range keys {
			if primitive || !hasOwn(rt, itemObj, key) {
				set(key, i, "")
			} else {
				set(key, i, inspectCell(itemObj.Get(key)))
			}
		}
	}
	// Node collects the columns in an object: integer keys come first, in ascending order.
	order = jsKeyOrder(order)
	head := append([]string{"(index)"}, order...)
	cols := [][]string{rowKeys}
	for _, k := range order {
		cols = append(cols, columns[k])
	}
	if hasPrimitives {
		head = append(head, "Values")
		cols = append(cols, primitives)
	}
	return final(head, cols)
}

// jsKeyOrder orders property names as a JavaScript object does: array indexes ascending,
// then the others in insertion order.
func jsKeyOrder(keys []string) []string {
	var idx []uint64
	var rest []string
	for _, k := range keys {
		if n, err := strconv.ParseUint(k, 10, 32); err == nil && n < math.MaxUint32 && strconv.FormatUint(n, 10) == k {
			idx = append(idx, n)
		} else {
			rest = append(rest, k)
		}
	}
	slices.Sort(idx)
	out := make([]string, 0, len(keys))
	for _, n := range idx {
		out = append(out, strconv.FormatUint(n, 10))
	}
	return append(out, rest...)
}

func callHelper(f goja.Callable, v goja.Value) goja.Value {
	r, err := f(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	return r
}

func hasOwn(rt *goja.Runtime, o *goja.Object, key string) bool {
	f, _ := goja.AssertFunction(rt.Get("Object").ToObject(rt).Get("prototype").ToObject(rt).Get("hasOwnProperty"))
	v, err := f(o, rt.ToValue(key))
	return err == nil && v.ToBoolean()
}

// forOf iterates a Map or a Set as for…of does.
func (c *console) forOf(obj *goja.Object, each func(goja.Value)) {
	rt := c.rt
	forEach, ok := goja.AssertFunction(obj.Get("forEach"))
	if !ok {
		return
	}
	isMap := obj.ExportType() == typeMapExport
	_, err := forEach(obj, rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if isMap {
			each(rt.NewArray(call.Argument(1), call.Argument(0)))
		} else {
			each(call.Argument(0))
		}
		return goja.Undefined()
	}))
	if err != nil {
		panic(err)
	}
}

// renderTable is Node 20's lib/internal/cli_table.js: cells padded on the right.
func renderTable(head []string, columns [][]string) string {
	widths := make([]int, len(head))
	longest := 0
	for i, h := range head {
		widths[i] = stringWidth(h)
		if i < len(columns) {
			longest = max(longest, len(columns[i]))
		}
	}
	rows := make([][]string, longest)
	for j := range rows {
		rows[j] = make([]string, len(head))
		for i := range head {
			if i < len(columns) && j < len(columns[i]) {
				rows[j][i] = columns[i][j]
			}
			widths[i] = max(widths[i], stringWidth(rows[j][i]))
		}
	}
	divider := make([]string, len(widths))
	for i, w := range widths {
		divider[i] = strings.Repeat("─", w+2)
	}
	row := func(cells []string) string {
		var b strings.Builder
		b.WriteString("│ ")
		for i, cell := range cells {
			b.WriteString(cell)
			b.WriteString(strings.Repeat(" ", widths[i]-stringWidth(cell)))
			if i != len(cells)-1 {
				b.WriteString(" │ ")
			}
		}
		b.WriteString(" │")
		return b.String()
	}
	var b strings.Builder
	b.WriteString("┌" + strings.Join(divider, "┬") + "┐\n")
	b.WriteString(row(head) + "\n")
	b.WriteString("├" + strings.Join(divider, "┼") + "┤\n")
	for _, r := range rows {
		b.WriteString(row(r) + "\n")
	}
	b.WriteString("└" + strings.Join(divider, "┴") + "┘")
	return b.String()
}

// stringWidth approximates Node's getStringWidth (ICU's East Asian width): wide and
// full-width characters count 2, combining marks, format and control characters 0.
func stringWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}
