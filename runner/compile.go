package runner

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
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
	// headLen is how many wrapper characters precede the user's first line.
	headLen int
	// classes are the error classes in scope, and uses whether the script's text names each:
	// a script can only reach a class parameter by naming it, so unnamed ones are not built.
	classes []string
	uses    []bool
	// usesJSON says the script names JSON: only then are the native JSON.parse and
	// JSON.stringify installed.
	usesJSON bool
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
	plain := wrapperHead(classes)
	head := plain
	bare := isBareAnonymousFunction(script)
	if bare {
		head += bareExport
	}
	p, err := compileWrapped(filename, head, script)
	if err != nil && bare {
		// The expression form did not parse either: report the script's own error.
		if p2, err2 := compileWrapped(filename, plain, script); err2 == nil {
			p2.noteClassUse(script, classes)
			return p2, nil
		} else {
			err = err2
		}
	}
	if err != nil {
		return nil, err
	}
	p.noteClassUse(script, classes)
	return p, nil
}

func compileWrapped(filename, head, script string) (*compiled, *ScriptError) {
	src := head + script + wrapperTail
	ast, perr := parser.ParseFile(nil, filename, src, 0, parser.WithDisableSourceMaps)
	if perr != nil {
		return nil, syntaxErrorFrom(perr, len(head), script)
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil, syntaxErrorFrom(err, len(head), script)
	}
	return &compiled{prg: prg, headLen: len(head)}, nil
}

func (c *compiled) noteClassUse(script string, classes []string) {
	c.classes = classes
	c.usesJSON = strings.Contains(script, "JSON")
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

// syntaxErrorFrom converts a parser or compiler error into a ScriptError positioned in the
// user's script.
func syntaxErrorFrom(err error, headLen int, script string) *ScriptError {
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
	se.Line, se.Column = userPosition(pos.Line, pos.Column, headLen, script)
	if se.Line > 0 {
		se.Stack = fmt.Sprintf("SyntaxError: %s\n    at %d:%d", se.Message, se.Line, se.Column)
	}
	return se
}

// userPosition maps a 1-based position in the wrapped source to the user's script; 0, 0 when
// it falls outside the script (the wrapper's tail: an unexpected end of input).
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
		// The parser ran into the wrapper's closing line: point at the end of the script.
		last := script[strings.LastIndexByte(script, '\n')+1:]
		return lines, len([]rune(last)) + 1
	}
	return line, col
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
