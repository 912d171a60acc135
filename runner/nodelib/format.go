package nodelib

import (
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

// Format formats console arguments with Node's util.format semantics (a port of
// formatWithOptionsInternal): %s %d %i %f %j %o %O %c %% in a leading string, then every
// remaining argument separated by spaces, strings as they are and other values inspected.
func Format(rt *goja.Runtime, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	first := args[0]
	a := 0
	var str strings.Builder
	join := ""
	var h *inspectHelpers
	helpers := func() *inspectHelpers {
		if h == nil {
			h = helpersFor(rt)
		}
		return h
	}
	call := func(f goja.Callable, v goja.Value) goja.Value {
		r, err := f(goja.Undefined(), v)
		if err != nil {
			panic(err)
		}
		return r
	}
	if isJSString(first) {
		if len(args) == 1 {
			return first.String()
		}
		f := first.String()
		lastPos := 0
		for i := 0; i < len(f)-1; i++ {
			if f[i] != '%' {
				continue
			}
			i++
			next := f[i]
			var tempStr string
			if a+1 != len(args) {
				switch next {
				case 's':
					a++
					arg := args[a]
					if o, isObj := arg.(*goja.Object); isObj {
						if call(helpers().hasBuiltInToString, o).ToBoolean() {
							opts := defaultInspectOptions()
							opts.depth = 0
							tempStr = inspectWith(rt, arg, opts)
						} else {
							tempStr = call(helpers().str, arg).String()
						}
					} else if n, isNum := numberValue(arg); isNum {
						tempStr = formatNumber(arg, n)
					} else if b, isBig := arg.Export().(*big.Int); isBig && !isSymbol(arg) {
						tempStr = b.String() + "n"
					} else {
						tempStr = primitiveString(arg)
					}
				case 'j':
					a++
					tempStr = call(helpers().json, args[a]).String()
				case 'd':
					a++
					tempStr = formatNumeric(rt, args[a], func(v goja.Value) goja.Value { return call(helpers().toNumber, v) })
				case 'O':
					a++
					tempStr = Inspect(rt, args[a])
				case 'o':
					a++
					opts := defaultInspectOptions()
					opts.showHidden = true
					opts.depth = 4
					tempStr = inspectWith(rt, args[a], opts)
				case 'i':
					a++
					tempStr = formatNumeric(rt, args[a], func(v goja.Value) goja.Value { return call(helpers().parseInt, v) })
				case 'f':
					a++
					if isSymbol(args[a]) {
						tempStr = "NaN"
					} else {
						v := call(helpers().parseFloat, args[a])
						n, _ := numberValue(v)
						tempStr = formatNumber(v, n)
					}
				case 'c':
					a++
					tempStr = ""
				case '%':
					str.WriteString(f[lastPos:i])
					lastPos = i + 1
					continue
				default:
					continue
				}
				if lastPos != i-1 {
					str.WriteString(f[lastPos : i-1])
				}
				str.WriteString(tempStr)
				lastPos = i + 1
			} else if next == '%' {
				str.WriteString(f[lastPos:i])
				lastPos = i + 1
			}
		}
		if lastPos != 0 {
			a++
			join = " "
			if lastPos < len(f) {
				str.WriteString(f[lastPos:])
			}
		}
	}
	for ; a < len(args); a++ {
		str.WriteString(join)
		if isJSString(args[a]) {
			str.WriteString(args[a].String())
		} else {
			str.WriteString(Inspect(rt, args[a]))
		}
		join = " "
	}
	return str.String()
}

// formatNumeric implements %d and %i: BigInts keep their n, symbols give NaN.
func formatNumeric(rt *goja.Runtime, v goja.Value, convert func(goja.Value) goja.Value) string {
	if isSymbol(v) {
		return "NaN"
	}
	if _, isObj := v.(*goja.Object); !isObj {
		if b, isBig := v.Export().(*big.Int); isBig {
			return b.String() + "n"
		}
	}
	n := convert(v)
	f, _ := numberValue(n)
	return formatNumber(n, f)
}

func isSymbol(v goja.Value) bool {
	_, ok := v.(*goja.Symbol)
	return ok
}

// isJSString reports whether v is a string primitive (not a symbol, not a String object).
func isJSString(v goja.Value) bool {
	if v == nil || isSymbol(v) {
		return false
	}
	if _, isObj := v.(*goja.Object); isObj {
		return false
	}
	_, ok := v.Export().(string)
	return ok
}

func numberValue(v goja.Value) (float64, bool) {
	if _, isObj := v.(*goja.Object); isObj || v == nil {
		return 0, false
	}
	switch x := v.Export().(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// primitiveString is String(v) for a primitive.
func primitiveString(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if sym, ok := v.(*goja.Symbol); ok {
		return symbolString(sym)
	}
	return v.String()
}
