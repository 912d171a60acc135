package runner

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// jsonParseText converts JSON.parse's first argument as the standard's ToString does, once,
// so that the native parser, goja's and the error message all see the same text (a hook that
// parses a Buffer or an object gets its toString, called one time). ok is false for a symbol,
// which goja's JSON.parse rejects with its TypeError.
func jsonParseText(arg goja.Value) (text string, ok bool) {
	if _, isSymbol := arg.(*goja.Symbol); isSymbol {
		return "", false
	}
	return arg.String(), true
}

// v8JSONParseException turns goja's exception from JSON.parse(text) into the SyntaxError a
// hook sees in Node: goja words it as Go's encoding/json does ("invalid character '}' looking
// for beginning of value"), which a hook that logs or returns e.message would show its users.
// When text is valid JSON the exception came from the reviver and is passed on as it is.
func v8JSONParseException(rt *goja.Runtime, text string, err error) any {
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		return err
	}
	msg := nodelib.V8JSONParseError(text)
	if msg == "" {
		return ex
	}
	syntaxError, newErr := rt.New(rt.Get("SyntaxError"), rt.ToValue(msg))
	if newErr != nil {
		return ex
	}
	return syntaxError
}
