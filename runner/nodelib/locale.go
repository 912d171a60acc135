package nodelib

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// goja ignores locales: (1234.5).toLocaleString() is "1234.5" and dates print as
// "01/01/1970, 00:00:00", where Node (full ICU, en-US by default) prints "1,234.5" and
// "1/1/1970, 12:00:00 AM". InstallLocale replaces those methods with Node's en-US output and
// fails loudly for locales and options it does not implement. Patching the built-in
// prototypes costs tens of microseconds (goja builds them on first write), so the runner
// installs it only for scripts where NeedsLocale is true.

// NeedsLocale reports whether a script needs any of the patches (ScriptPatches): it calls a
// toLocale…String method, uses Date (whose toString names the time zone), localeCompare,
// Error.captureStackTrace or Symbol.asyncIterator. The runner then calls InstallLocale.
func NeedsLocale(src string) bool { return ScriptPatches(src) != 0 }

// InstallLocale installs every patch (AllPatches): Node's en-US toLocaleString family for
// Number, BigInt and Date (dates in loc; nil: time.Local, the zone goja's other local-time
// methods use; Auth0 ran hooks in UTC), localeCompare and the locale case mappings,
// Error.captureStackTrace and Symbol.asyncIterator. InstallPatches(rt, ScriptPatches(src),
// loc) installs only what a script names.
func InstallLocale(rt *goja.Runtime, loc *time.Location) error {
	return InstallPatches(rt, AllPatches, loc)
}

// installLocale gives Number, BigInt and Date Node's en-US toLocaleString family.
func installLocale(rt *goja.Runtime, loc *time.Location) error {
	if loc == nil {
		loc = time.Local
	}
	proto := func(name string) *goja.Object {
		return rt.Get(name).ToObject(rt).Get("prototype").ToObject(rt)
	}
	define := func(o *goja.Object, name string, f func(goja.FunctionCall) goja.Value) error {
		fn := rt.ToValue(f).ToObject(rt)
		_ = fn.DefineDataProperty("name", rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		if err := o.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return fmtErr("install "+name, err)
		}
		return nil
	}
	l := localeFuncs{rt: rt, loc: loc}
	dateProto := proto("Date")
	for _, name := range []string{"toString", "toTimeString"} {
		orig, ok := goja.AssertFunction(dateProto.Get(name))
		if !ok {
			return fmtErr("install Date#"+name, errNotFunction)
		}
		if err := define(dateProto, name, func(c goja.FunctionCall) goja.Value {
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			// Go names the zone "UTC", ICU (V8) "Coordinated Universal Time".
			if s := v.String(); strings.HasSuffix(s, " (UTC)") {
				return rt.ToValue(strings.TrimSuffix(s, "(UTC)") + "(Coordinated Universal Time)")
			}
			return v
		}); err != nil {
			return err
		}
	}
	for _, d := range []struct {
		proto, name string
		f           func(goja.FunctionCall) goja.Value
	}{
		{"Number", "toLocaleString", l.number},
		{"BigInt", "toLocaleString", l.bigint},
		{"Date", "toLocaleString", func(c goja.FunctionCall) goja.Value { return l.date(c, true, true) }},
		{"Date", "toLocaleDateString", func(c goja.FunctionCall) goja.Value { return l.date(c, true, false) }},
		{"Date", "toLocaleTimeString", func(c goja.FunctionCall) goja.Value { return l.date(c, false, true) }},
	} {
		if err := define(proto(d.proto), d.name, d.f); err != nil {
			return err
		}
	}
	return nil
}

var errNotFunction = errors.New("not a function")

type localeFuncs struct {
	rt  *goja.Runtime
	loc *time.Location
}

func (l localeFuncs) unsupported(what string) {
	panic(l.rangeError("ERR_HOOKTERM_NOT_SUPPORTED", "hookterm: "+what+" is not supported (only Node's default en-US output is)"))
}

func (l localeFuncs) rangeError(code, msg string) *goja.Object {
	c, _ := goja.AssertConstructor(l.rt.Get("RangeError"))
	e, err := c(nil, l.rt.ToValue(msg))
	if err != nil {
		panic(err)
	}
	_ = e.Set("code", code)
	return e
}

// checkLocale accepts undefined, "en-US", "en" or an array starting with one of them.
func (l localeFuncs) checkLocale(v goja.Value, method string) {
	if v == nil || goja.IsUndefined(v) {
		return
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		if o.Get("length").ToInteger() == 0 {
			return
		}
		v = o.Get("0")
	}
	if s := v.String(); s == "en-US" || s == "en" {
		return
	}
	l.unsupported(method + " with locale " + v.String())
}

// options returns the option names set on an options argument.
func (l localeFuncs) options(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	o, _ := v.(*goja.Object)
	return o
}

func (l localeFuncs) number(c goja.FunctionCall) goja.Value {
	l.checkLocale(c.Argument(0), "Number#toLocaleString")
	minFD, maxFD := 0, 3
	if o := l.options(c.Argument(1)); o != nil {
		for _, k := range o.Keys() {
			switch k {
			case "minimumFractionDigits", "maximumFractionDigits":
			default:
				l.unsupported("Number#toLocaleString option " + k)
			}
		}
		if v := o.Get("minimumFractionDigits"); v != nil && !goja.IsUndefined(v) {
			minFD = int(v.ToInteger())
			if maxFD < minFD {
				maxFD = minFD
			}
		}
		if v := o.Get("maximumFractionDigits"); v != nil && !goja.IsUndefined(v) {
			maxFD = int(v.ToInteger())
		}
		if minFD < 0 || maxFD > 100 || minFD > maxFD {
			panic(l.rt.NewTypeError("maximumFractionDigits value is out of range."))
		}
	}
	var x float64
	if o, ok := c.This.(*goja.Object); ok {
		x = o.ToFloat() // a Number object
	} else {
		x = c.This.ToFloat()
	}
	return l.rt.ToValue(formatLocaleNumber(x, minFD, maxFD))
}

// formatLocaleNumber formats like ICU's en-US decimal format: grouping, half-expand rounding
// of the shortest decimal representation, minFD..maxFD fraction digits.
func formatLocaleNumber(x float64, minFD, maxFD int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	neg := math.Signbit(x)
	digits := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(digits, ".")
	if len(frac) > maxFD {
		roundUp := frac[maxFD] >= '5'
		frac = frac[:maxFD]
		if roundUp {
			n := []byte(intPart + frac)
			i := len(n) - 1
			for ; i >= 0; i-- {
				if n[i] == '9' {
					n[i] = '0'
					continue
				}
				n[i]++
				break
			}
			s := string(n)
			if i < 0 {
				s = "1" + s
			}
			intPart, frac = s[:len(s)-len(frac)], s[len(s)-len(frac):]
		}
	}
	frac = strings.TrimRight(frac, "0")
	for len(frac) < minFD {
		frac += "0"
	}
	out := groupThousands(intPart)
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func groupThousands(s string) string {
	if len(s) <= 3 {
		return s
	}
	var sb strings.Builder
	head := len(s) % 3
	if head > 0 {
		sb.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if sb.Len() > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(s[i : i+3])
	}
	return sb.String()
}

func (l localeFuncs) bigint(c goja.FunctionCall) goja.Value {
	l.checkLocale(c.Argument(0), "BigInt#toLocaleString")
	if l.options(c.Argument(1)) != nil {
		l.unsupported("BigInt#toLocaleString options")
	}
	var b *big.Int
	if o, ok := c.This.(*goja.Object); ok && o.ExportType() == typeBigInt {
		b = o.Export().(*big.Int)
	} else if x, ok := c.This.Export().(*big.Int); ok {
		b = x
	} else {
		panic(l.rt.NewTypeError("BigInt.prototype.toLocaleString requires that 'this' be a BigInt"))
	}
	s := b.String()
	if strings.HasPrefix(s, "-") {
		return l.rt.ToValue("-" + groupThousands(s[1:]))
	}
	return l.rt.ToValue(groupThousands(s))
}

func (l localeFuncs) date(c goja.FunctionCall, withDate, withTime bool) goja.Value {
	l.checkLocale(c.Argument(0), "Date#toLocaleString")
	o, ok := c.This.(*goja.Object)
	if !ok || o.ExportType() != typeTime {
		panic(l.rt.NewTypeError("this is not a Date object."))
	}
	if f, ok := goja.AssertFunction(o.Get("getTime")); ok {
		if v, err := f(o); err == nil && math.IsNaN(v.ToFloat()) {
			return l.rt.ToValue("Invalid Date")
		}
	}
	t := o.Export().(time.Time).In(l.loc)
	if opts := l.options(c.Argument(1)); opts != nil {
		for _, k := range opts.Keys() {
			if k != "timeZone" {
				l.unsupported("Date#toLocaleString option " + k)
			}
		}
		if tz := opts.Get("timeZone"); tz != nil && !goja.IsUndefined(tz) {
			loc, err := time.LoadLocation(tz.String())
			if err != nil {
				panic(l.rangeError("ERR_INVALID_TIME_ZONE", "Invalid time zone specified: "+tz.String()))
			}
			t = t.In(loc)
		}
	}
	var parts []string
	if withDate {
		parts = append(parts, strconv.Itoa(int(t.Month()))+"/"+strconv.Itoa(t.Day())+"/"+strconv.Itoa(t.Year()))
	}
	if withTime {
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		ampm := "AM"
		if t.Hour() >= 12 {
			ampm = "PM"
		}
		parts = append(parts, strconv.Itoa(h)+":"+twoDigits(t.Minute())+":"+twoDigits(t.Second())+" "+ampm)
	}
	return l.rt.ToValue(strings.Join(parts, ", "))
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
