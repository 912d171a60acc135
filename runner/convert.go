package runner

import (
	"encoding/json"
	"fmt"

	"github.com/dop251/goja"
)

// parseJSON turns a JSON document into a JavaScript value: natively, or with the runtime's
// JSON.parse for what the native parser declines (and for its error message).
func parseJSON(rt *goja.Runtime, raw json.RawMessage) (goja.Value, error) {
	if v, err := fastParseJSON(rt, string(raw)); err == nil {
		return v, nil
	}
	j := rt.Get("JSON").ToObject(rt)
	parse, _ := goja.AssertFunction(j.Get("parse"))
	return parse(j, rt.ToValue(string(raw)))
}

// stringifyResult serialises the callback's result as Auth0's adapter did (JSON.stringify);
// undefined becomes null.
func stringifyResult(rt *goja.Runtime, v goja.Value) (json.RawMessage, error) {
	if v == nil || goja.IsUndefined(v) {
		return json.RawMessage("null"), nil
	}
	s, undef, err := fastStringify(rt, v)
	if err != nil {
		return nil, fmt.Errorf("serialise the result: %w", err)
	}
	if undef {
		return json.RawMessage("null"), nil
	}
	return json.RawMessage(s), nil
}
