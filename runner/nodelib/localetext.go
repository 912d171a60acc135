package nodelib

import (
	"strings"
	"unicode"

	"github.com/dop251/goja"
	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// goja's String#localeCompare ignores its locales and options ('MULLER'.localeCompare('muller',
// 'en', {sensitivity: 'base'}) is not 0, '2' vs '10' with numeric is not -1, Swedish ä sorts
// before z) and toLocaleUpperCase/LowerCase ignore the locale (Turkish dotted İ). These
// replacements use x/text's CLDR collation and casing (goja links x/text already) and throw
// ERR_HOOKTERM_NOT_SUPPORTED for the options they cannot honour.

// localeText holds one runtime's collators, built once per locale and options.
type localeText struct {
	l         localeFuncs
	collators map[string]*collate.Collator
	upper     goja.Callable
	lower     goja.Callable
	casers    map[string]cases.Caser
}

func installLocaleText(rt *goja.Runtime) error {
	proto := rt.Get("String").ToObject(rt).Get("prototype").ToObject(rt)
	lt := &localeText{l: localeFuncs{rt: rt}, collators: map[string]*collate.Collator{}, casers: map[string]cases.Caser{}}
	var ok bool
	if lt.upper, ok = goja.AssertFunction(proto.Get("toUpperCase")); !ok {
		return fmtErr("install String#toLocaleUpperCase", errNotFunction)
	}
	if lt.lower, ok = goja.AssertFunction(proto.Get("toLowerCase")); !ok {
		return fmtErr("install String#toLocaleLowerCase", errNotFunction)
	}
	for _, m := range []struct {
		name   string
		length int
		f      func(goja.FunctionCall) goja.Value
	}{
		{"localeCompare", 1, lt.localeCompare},
		{"toLocaleUpperCase", 0, func(c goja.FunctionCall) goja.Value { return lt.changeCase(c, true) }},
		{"toLocaleLowerCase", 0, func(c goja.FunctionCall) goja.Value { return lt.changeCase(c, false) }},
	} {
		fn := rt.ToValue(m.f).ToObject(rt)
		_ = fn.DefineDataProperty("name", rt.ToValue(m.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = fn.DefineDataProperty("length", rt.ToValue(m.length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		if err := proto.DefineDataProperty(m.name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return fmtErr("install String#"+m.name, err)
		}
	}
	return nil
}

// thisString is RequireObjectCoercible(this) then ToString.
func (lt *localeText) thisString(c goja.FunctionCall, method string) string {
	if c.This == nil || goja.IsUndefined(c.This) || goja.IsNull(c.This) {
		panic(lt.l.rt.NewTypeError("String.prototype." + method + " called on null or undefined"))
	}
	return c.This.String()
}

// firstTag is the locale of Intl's CanonicalizeLocaleList(locales)[0]: undefined or an empty
// list give ok=false (the default locale); an invalid tag is V8's RangeError.
func (lt *localeText) firstTag(v goja.Value) (language.Tag, bool) {
	if v == nil || goja.IsUndefined(v) {
		return language.Und, false
	}
	if o, isObj := v.(*goja.Object); isObj {
		if o.ClassName() != "Array" {
			panic(lt.l.rt.NewTypeError("hookterm: locales must be a string or an array of strings"))
		}
		if o.Get("length").ToInteger() == 0 {
			return language.Und, false
		}
		v = o.Get("0")
	}
	if _, isStr := v.Export().(string); !isStr {
		panic(lt.l.rt.NewTypeError("Language ID should be string or object."))
	}
	tag, err := language.Parse(v.String())
	if err != nil || v.String() == "" {
		// V8's error has no code.
		ctor, _ := goja.AssertConstructor(lt.l.rt.Get("RangeError"))
		e, cerr := ctor(nil, lt.l.rt.ToValue("Incorrect locale information provided"))
		if cerr != nil {
			panic(cerr)
		}
		panic(e)
	}
	return tag, true
}

// collatorOptions reads Intl.Collator's options: sensitivity, numeric, usage 'sort' and
// the defaults of the others; anything x/text cannot do is refused.
func (lt *localeText) collatorOptions(v goja.Value) (key string, opts []collate.Option) {
	o := lt.l.options(v)
	if o == nil {
		return "", nil
	}
	str := func(name string) string {
		x := o.Get(name)
		if x == nil || goja.IsUndefined(x) {
			return ""
		}
		return x.String()
	}
	switch s := str("sensitivity"); s {
	case "", "variant":
	case "base":
		opts = append(opts, collate.Loose)
	case "accent":
		opts = append(opts, collate.IgnoreCase, collate.IgnoreWidth)
	case "case":
		// ICU: primary strength plus the case level. x/text has no case level: localeCompare
		// compares at primary strength, then the case of the strings without their marks
		// (the sensitivity options are added there).
	default:
		panic(lt.l.rangeError("ERR_INVALID_OPTION", "Value "+s+" out of range for Intl.Collator options property sensitivity"))
	}
	key = "s=" + str("sensitivity")
	if x := o.Get("numeric"); x != nil && !goja.IsUndefined(x) && x.ToBoolean() {
		opts = append(opts, collate.Numeric)
		key += ",n"
	}
	if x := o.Get("ignorePunctuation"); x != nil && !goja.IsUndefined(x) && x.ToBoolean() {
		key += ",p"
	}
	if s := str("usage"); s != "" && s != "sort" {
		lt.l.unsupported("String#localeCompare option usage: " + s)
	}
	if s := str("caseFirst"); s != "" && s != "false" {
		lt.l.unsupported("String#localeCompare option caseFirst: " + s)
	}
	if s := str("collation"); s != "" && s != "default" {
		lt.l.unsupported("String#localeCompare option collation: " + s)
	}
	return key, opts
}

func (lt *localeText) localeCompare(c goja.FunctionCall) goja.Value {
	s := lt.thisString(c, "localeCompare")
	that := c.Argument(0).String()
	tag, _ := lt.firstTag(c.Argument(1))
	if tag == language.Und {
		tag = language.AmericanEnglish // Node's default locale
	}
	// Intl.Collator reads only the co, kn and kf extension keys of a tag; x/text would also
	// apply ks, ka, kc… which V8 ignores, so those are dropped. x/text ignores kf (caseFirst).
	for _, k := range [...]string{"ks", "ka", "kc", "kb", "kk", "kr", "kv", "vt"} {
		if tag.TypeForKey(k) != "" {
			if t, err := tag.SetTypeForKey(k, ""); err == nil {
				tag = t
			}
		}
	}
	if v := tag.TypeForKey("kf"); v != "" && v != "false" {
		lt.l.unsupported("String#localeCompare with locale extension -u-kf-" + v)
	}
	optKey, opts := lt.collatorOptions(c.Argument(2))
	if strings.HasSuffix(optKey, ",p") {
		// ICU's ignorePunctuation makes spaces and punctuation (its "variable" characters)
		// ignorable; x/text's shifted handling ignores more than that, so they are removed.
		s, that = withoutPunctuation(s), withoutPunctuation(that)
	}
	key := tag.String() + "|" + optKey
	if !strings.HasPrefix(optKey, "s=case") {
		return lt.l.rt.ToValue(lt.collator(key, tag, opts).CompareString(s, that))
	}
	r := lt.collator(key, tag, append(opts[:len(opts):len(opts)], collate.Loose)).CompareString(s, that)
	if r == 0 {
		level := append(opts[:len(opts):len(opts)], collate.IgnoreDiacritics, collate.IgnoreWidth)
		r = lt.collator(key+"|level", tag, level).CompareString(withoutMarks(s), withoutMarks(that))
	}
	return lt.l.rt.ToValue(r)
}

func (lt *localeText) collator(key string, tag language.Tag, opts []collate.Option) *collate.Collator {
	col, ok := lt.collators[key]
	if !ok {
		col = collate.New(tag, opts...)
		lt.collators[key] = col
	}
	return col
}

// withoutPunctuation removes what ICU treats as variable characters: spaces and punctuation.
func withoutPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// withoutMarks is s decomposed, without its combining marks and with full- and half-width
// forms folded: what ICU's case level compares.
func withoutMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(width.Fold.String(s)))
}

func (lt *localeText) changeCase(c goja.FunctionCall, upper bool) goja.Value {
	method := "toLocaleLowerCase"
	if upper {
		method = "toLocaleUpperCase"
	}
	s := lt.thisString(c, method)
	tag, given := lt.firstTag(c.Argument(0))
	if base, _ := tag.Base(); !given || !caseSpecialLanguage(base.String()) {
		// Without language-specific rules ICU's casing is the root one, which is goja's.
		f := lt.lower
		if upper {
			f = lt.upper
		}
		v, err := f(lt.l.rt.ToValue(s))
		if err != nil {
			panic(err)
		}
		return v
	}
	key := method + "|" + tag.String()
	caser, ok := lt.casers[key]
	if !ok {
		if upper {
			caser = cases.Upper(tag)
		} else {
			caser = cases.Lower(tag)
		}
		lt.casers[key] = caser
	}
	return lt.l.rt.ToValue(caser.String(s))
}

// caseSpecialLanguage lists the languages with their own case mappings in ICU (and in
// x/text's cases): Turkish and Azeri dotted/dotless i, Lithuanian dots, Greek accents in
// upper case.
func caseSpecialLanguage(base string) bool {
	switch strings.ToLower(base) {
	case "tr", "az", "lt", "el":
		return true
	}
	return false
}
