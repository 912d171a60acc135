package runner

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// The user's script is compiled inside a function, as Node's module wrapper and the webtask
// compiler do, so that `return function …` works and module/exports/require are parameters.
// The wrapper's head sits on the script's first line and its tail on a line of its own, so
// every line number is the user's; only columns on line 1 are shifted, by len(wrapperHead).
// The error classes of the point are parameters too (ExtensibilityUserError first, then the
// point's ErrorClasses), so exactly the names the webtask compiler prepends are in scope.
const (
	wrapperParams = "(function (exports, require, module, __filename, __dirname"
	// bareExport turns an anonymous `function (…) {…}` script, which is not a valid program,
	// into an expression assigned to module.exports (decisions.md: the bare form runs).
	bareExport  = "module.exports = "
	wrapperTail = "\n})"
)

func wrapperHead(classes []string) string {
	var b strings.Builder
	b.WriteString(wrapperParams)
	for _, c := range classes {
		b.WriteString(", ")
		b.WriteString(c)
	}
	b.WriteString(") {")
	return b.String()
}

// compiled is a user script ready to run in any runtime.
type compiled struct {
	prg *goja.Program
	// name is the file name the program was compiled under (see compileName).
	name string
	// classes are the error classes in scope, and uses whether the script's text names each:
	// a script can only reach a class parameter by naming it, so unnamed ones are not built.
	classes []string
	uses    []bool
	// usesJSON says the script names JSON: only then are the native JSON.parse and
	// JSON.stringify installed.
	usesJSON bool
	// usesNextTick says the script names nextTick: only then are its turns entered through
	// the prelude's enter, which runs ticks before promise reactions as Node does.
	usesNextTick bool
	// patches are the completions of goja's built-ins the script names (toLocaleString and
	// friends, localeCompare, Error.captureStackTrace, Symbol.asyncIterator).
	patches nodelib.Patches
}

// programCache keeps compiled programs by script hash: compiling dominates a run's cost and
// the same script is run again and again (editor re-runs, benchmarks, the worker). It is
// bounded; when full it is emptied rather than tracking recency, which keeps it lock-cheap.
type programCache struct {
	mu    sync.Mutex
	max   int
	items map[[32]byte]*compiled
}

func newProgramCache(max int) *programCache {
	return &programCache{max: max, items: make(map[[32]byte]*compiled)}
}

// sharedPrograms is the process's program cache. It is package-level because RunInProcess is a
// function (the agreed API) and a compiled goja.Program is immutable and safe to share.
var sharedPrograms = newProgramCache(256)

func (c *programCache) get(filename, script string, classes []string) (*compiled, *ScriptError) {
	h := sha256.New()
	for _, cl := range classes {
		h.Write([]byte(cl))
		h.Write([]byte{0})
	}
	h.Write([]byte(filename))
	h.Write([]byte{0})
	h.Write([]byte(script))
	var key [32]byte
	h.Sum(key[:0])
	c.mu.Lock()
	p, ok := c.items[key]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, serr := compileScript(filename, script, classes)
	if serr != nil {
		return nil, serr
	}
	c.mu.Lock()
	if len(c.items) >= c.max {
		clear(c.items)
	}
	c.items[key] = p
	c.mu.Unlock()
	return p, nil
}

// compileScript wraps and compiles script. A syntax error is reported at its position in the
// user's script.
func compileScript(filename, script string, classes []string) (*compiled, *ScriptError) {
	p, serr := compileSource(filename, script, classes)
	if serr != nil {
		return nil, serr
	}
	// Constructs goja accepts but runs differently from Node (a \p{…} regular expression
	// would never match) are refused like syntax errors: loud, with their position.
	if u := nodelib.CheckScript(hideHashbang(script)); u != nil {
		line, col := u.Position(script)
		col = utf16Column(script, line, col)
		return nil, &ScriptError{Name: "SyntaxError", Message: u.Message, Line: line, Column: col, Kind: KindSyntax,
			Stack: fmt.Sprintf("SyntaxError: %s\n    at %s:%d:%d", u.Message, filename, line, col)}
	}
	return p, nil
}

func compileSource(filename, script string, classes []string) (*compiled, *ScriptError) {
	src := hideHashbang(script)
	head := wrapperHead(classes)
	if isBareAnonymousFunction(src) {
		// A bare function is only ever meant as an expression (as a statement it needs a
		// name), so its syntax errors are the expression form's.
		head += bareExport
	}
	p, err := compileWrapped(filename, head, src)
	if err != nil {
		return nil, err
	}
	p.noteClassUse(script, classes)
	return p, nil
}

// hideHashbang turns a first line starting with "#!" (which Node accepts as a hashbang
// comment, and goja rejects) into a line comment of the same length, so that every position
// stays the user's.
func hideHashbang(script string) string {
	if rest, ok := strings.CutPrefix(script, "#!"); ok {
		return "//" + rest
	}
	return script
}

func compileWrapped(filename, head, script string) (*compiled, *ScriptError) {
	name := compileName(filename)
	src := head + script + wrapperTail + "\n//# sourceMappingURL=" + lineOneMapURL
	lineMap := lineOneMap(name, len(head), script)
	ast, perr := parser.ParseFile(nil, name, src, 0,
		parser.WithSourceMapLoader(func(string) ([]byte, error) { return lineMap, nil }))
	if perr != nil {
		// The parser reports positions before it reads the source map: shift line 1 here.
		return nil, syntaxErrorFrom(perr, filename, head, script, false)
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		// Compiler errors are positioned through the source map already.
		return nil, syntaxErrorFrom(err, filename, head, script, true)
	}
	return &compiled{prg: prg, name: name}, nil
}

// lineOneMapURL names the source map appended to every wrapped script; the loader ignores it.
const lineOneMapURL = "hookterm-line-one.map"

// maxMappedColumns bounds the source map of a very long first line (minified code): columns
// past it are reported as this column. It covers the largest script Auth0 stores (100 KiB).
const maxMappedColumns = 1 << 17

// lineOneMap is a source map that undoes the wrapper's shift of the first line, column by
// column (a source map gives the original column of a segment's start, so every column
// needs a segment); other lines have no segments and keep their positions. With it, every
// position goja reports — in stacks, err.stack, console output — is the user's.
func lineOneMap(name string, headLen int, script string) []byte {
	first := script
	if i := strings.IndexByte(script, '\n'); i >= 0 {
		first = script[:i]
	}
	n := min(headLen+len(first)+1, maxMappedColumns)
	var b strings.Builder
	b.Grow(n * 5)
	// Each segment: generated column, source 0, line 0, source column — as deltas in VLQ:
	// "AAAA" first, then "CAAA" inside the wrapper's head and "CAAC" in the user's line.
	for g := 0; g <= n; g++ {
		switch {
		case g == 0:
			b.WriteString("AAAA")
		case g <= headLen:
			b.WriteString(",CAAA")
		default:
			b.WriteString(",CAAC")
		}
	}
	m, _ := json.Marshal(map[string]any{"version": 3, "sources": []string{name}, "names": []string{}, "mappings": b.String()})
	return m
}

// compileName is the name the script is compiled under: goja turns source-mapped names into
// URLs, so anything but letters, digits, '.', '_' and '-' becomes '_'. Stacks are shown with
// the request's name again.
func compileName(filename string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, filename)
}

func (c *compiled) noteClassUse(script string, classes []string) {
	c.classes = classes
	c.usesJSON = strings.Contains(script, "JSON")
	c.usesNextTick = strings.Contains(script, "nextTick")
	c.patches = nodelib.ScriptPatches(script)
	c.uses = make([]bool, len(classes))
	for i, name := range classes {
		c.uses[i] = strings.Contains(script, name)
	}
}

// usesClasses reports whether the script names any error class.
func (c *compiled) usesClasses() bool {
	for _, u := range c.uses {
		if u {
			return true
		}
	}
	return false
}

// syntaxErrorFrom converts a parser or compiler error on head+script+wrapperTail into a
// ScriptError positioned in the user's script (UTF-16 columns) and worded as V8 words it.
// mapped says the error's position went through the line-one source map already.
func syntaxErrorFrom(err error, filename, head, script string, mapped bool) *ScriptError {
	se := &ScriptError{Name: "SyntaxError", Kind: KindSyntax, Message: err.Error()}
	var pos file.Position
	var list parser.ErrorList
	var one *parser.Error
	var cerr *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &list) && len(list) > 0:
		pos, se.Message = list[0].Position, list[0].Message
	case errors.As(err, &one):
		pos, se.Message = one.Position, one.Message
	case errors.As(err, &cerr):
		se.Message = cerr.Message
		if cerr.File != nil {
			pos = cerr.File.Position(cerr.Offset)
		}
	}
	headLen := len(head)
	if mapped {
		headLen = 0
	}
	line, col := pos.Line, pos.Column
	gojaMsg := se.Message
	var off int         // the error's byte offset in the script
	extraBrace := false // a '}' of the script closed the wrapper
	if line > strings.Count(script, "\n")+1 {
		// The parser ran into the wrapper's closing line.
		off = len(script)
		se.Message, line, col, extraBrace = tailSyntaxError(se.Message, head, script)
	} else {
		line, col = userPosition(line, col, headLen, script)
		off = byteOffset(script, line, col)
		if b, ok := closedWrapperBefore(head, script, off); ok {
			se.Message, line, col, extraBrace = "Unexpected token '}'", lineOf(script, b), columnOf(script, b), true
		} else {
			se.Message, line, col = v8SyntaxError(se.Message, script, line, col)
		}
	}
	if strings.HasPrefix(gojaMsg, "Unexpected") && se.Message != v8AwaitOutside && !extraBrace {
		if at, ok := missingCallParen(head, script, off); ok {
			se.Message, line, col = v8MissingParen, lineOf(script, at), columnOf(script, at)
		}
	}
	if line > 0 {
		se.Line, se.Column = line, utf16Column(script, line, col)
		se.Stack = fmt.Sprintf("SyntaxError: %s\n    at %s:%d:%d", se.Message, filename, se.Line, se.Column)
	}
	return se
}

// userPosition maps a 1-based position (byte column) in the wrapped source to the user's
// script, shifting line 1 by headLen (0 for positions that went through the source map); a
// position past the script (in the wrapper's tail) becomes the end of the script.
func userPosition(line, col, headLen int, script string) (int, int) {
	if line <= 0 {
		return 0, 0
	}
	if line == 1 {
		col -= headLen
		if col < 1 {
			col = 1
		}
	}
	lines := strings.Count(script, "\n") + 1
	if line > lines {
		return endOfScript(script)
	}
	return line, col
}

// endOfScript is the position (line, byte column) just past the script's last character,
// where V8 reports an unexpected end of input.
func endOfScript(script string) (int, int) {
	last := script[strings.LastIndexByte(script, '\n')+1:]
	return strings.Count(script, "\n") + 1, len(last) + 1
}

// isBareAnonymousFunction reports whether the script, after comments and blank space, starts
// with an anonymous `function (` or `async function (`: the one form that is not a program.
func isBareAnonymousFunction(script string) bool {
	s := skipSpaceAndComments(script)
	if rest, ok := strings.CutPrefix(s, "async"); ok {
		s = skipSpaceAndComments(rest)
	}
	rest, ok := strings.CutPrefix(s, "function")
	if !ok {
		return false
	}
	rest = skipSpaceAndComments(rest)
	return strings.HasPrefix(rest, "(")
}

// parseWrapped parses script as the runner compiles it (hashbang hidden, wrapped in the
// module function, a bare function exported) for the analyses that read its syntax tree.
// parsed is the text parsed; the script starts at byte headLen of it.
func parseWrapped(script string) (prg *ast.Program, parsed string, headLen int, err error) {
	head := wrapperHead(nil)
	src := hideHashbang(script)
	if isBareAnonymousFunction(src) {
		head += bareExport
	}
	parsed = head + src + wrapperTail
	prg, err = parser.ParseFile(nil, "", parsed, 0, parser.WithDisableSourceMaps)
	return prg, parsed, len(head), err
}

func skipSpaceAndComments(s string) string {
	for {
		t := strings.TrimLeft(s, " \t\r\n\ufeff")
		switch {
		case strings.HasPrefix(t, "//"):
			i := strings.IndexByte(t, '\n')
			if i < 0 {
				return ""
			}
			s = t[i+1:]
		case strings.HasPrefix(t, "/*"):
			i := strings.Index(t[2:], "*/")
			if i < 0 {
				return ""
			}
			s = t[2+i+2:]
		default:
			return t
		}
	}
}
