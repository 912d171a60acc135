package nodelib

import (
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Patches are completions of goja's own built-ins that Node scripts rely on. Installing one
// writes to a built-in prototype or constructor, which makes goja build it (tens of
// microseconds for the locale methods), so they are installed only for the scripts whose
// source names what they provide: ScriptPatches finds them once per compiled script.
type Patches uint8

const (
	// PatchLocale gives Number, BigInt and Date Node's en-US toLocaleString family and
	// Date#toString V8's name of the UTC zone.
	PatchLocale Patches = 1 << iota
	// PatchLocaleText gives String#localeCompare, toLocaleUpperCase and toLocaleLowerCase
	// their locales and options (CLDR collation and casing).
	PatchLocaleText
	// PatchErrorStack adds V8's Error.captureStackTrace and Error.stackTraceLimit.
	PatchErrorStack
	// PatchAsyncIterator defines Symbol.asyncIterator (goja has none).
	PatchAsyncIterator

	// AllPatches is every patch.
	AllPatches = PatchLocale | PatchLocaleText | PatchErrorStack | PatchAsyncIterator
)

// ScriptPatches reports which patches a script may need, from the names it contains.
func ScriptPatches(src string) Patches {
	var p Patches
	if strings.Contains(src, "toLocale") || strings.Contains(src, "Date") {
		p |= PatchLocale
	}
	if strings.Contains(src, "localeCompare") || strings.Contains(src, "toLocaleUpperCase") || strings.Contains(src, "toLocaleLowerCase") {
		p |= PatchLocaleText
	}
	if strings.Contains(src, "captureStackTrace") || strings.Contains(src, "stackTraceLimit") {
		p |= PatchErrorStack
	}
	if strings.Contains(src, "asyncIterator") {
		p |= PatchAsyncIterator
	}
	return p
}

// InstallPatches installs the patches p on rt. Dates print in loc (nil: time.Local; Auth0
// ran hooks in UTC).
func InstallPatches(rt *goja.Runtime, p Patches, loc *time.Location) error {
	if p&PatchLocale != 0 {
		if err := installLocale(rt, loc); err != nil {
			return err
		}
	}
	if p&PatchLocaleText != 0 {
		if err := installLocaleText(rt); err != nil {
			return err
		}
	}
	if p&PatchErrorStack != 0 {
		if err := installErrorStack(rt); err != nil {
			return err
		}
	}
	if p&PatchAsyncIterator != 0 {
		if err := installAsyncIterator(rt); err != nil {
			return err
		}
	}
	return nil
}

// installAsyncIterator defines Symbol.asyncIterator as V8 has it (not writable, enumerable
// or configurable). goja's parser has no for await…of and no async generators, so nothing
// in the engine reads it; defining it lets scripts build and detect async iterables
// (obj[Symbol.asyncIterator] = …) instead of silently using the key "undefined".
func installAsyncIterator(rt *goja.Runtime) error {
	sym := rt.Get("Symbol").ToObject(rt)
	if v := sym.Get("asyncIterator"); v != nil && !goja.IsUndefined(v) {
		return nil // a goja that has it
	}
	if err := sym.DefineDataProperty("asyncIterator", goja.NewSymbol("Symbol.asyncIterator"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return fmtErr("install Symbol.asyncIterator", err)
	}
	return nil
}
