package runner

import (
	"bytes"
	"encoding/json"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// reportedElsewhere are the Error properties a ScriptError has fields for.
var reportedElsewhere = [...]string{"name", "message", "stack", "friendlyMessage"}

// errorProperties returns, as a JSON object in the error's key order, the own enumerable
// properties of obj that the report has no field for (`statusCode`, `code`… set by the
// script): Auth0's error envelope carried every own property of the Error (contract §1.1).
// Values are serialised as JSON.stringify would; functions and undefined are left out as
// JSON.stringify leaves them out of an object, and a value JSON cannot hold (a cycle, a
// BigInt) is shown as util.inspect shows it. Secret values are masked, string by string, so
// that JSON escaping cannot hide a secret from the redaction. nil when there is none.
func (ex *execution) errorProperties(obj *goja.Object) json.RawMessage {
	var keys []string
	func() {
		defer func() { _ = recover() }() // a Proxy's ownKeys trap may throw
		keys = obj.Keys()
	}()
	var b bytes.Buffer
	n := 0
	for _, k := range keys {
		if isReportedElsewhere(k) {
			continue
		}
		raw, ok := ex.propertyJSON(obj, k)
		if !ok {
			continue
		}
		if n == 0 {
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		n++
		kb, _ := marshalNoEscape(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(raw)
	}
	if n == 0 {
		return nil
	}
	b.WriteByte('}')
	// Secret values in it are masked with the rest of the report (redactor.report).
	return b.Bytes()
}

func isReportedElsewhere(k string) bool {
	for _, r := range reportedElsewhere {
		if k == r {
			return true
		}
	}
	return false
}

// propertyJSON serialises obj[k]; false when JSON.stringify would leave the property out.
func (ex *execution) propertyJSON(obj *goja.Object, k string) (raw json.RawMessage, ok bool) {
	defer func() {
		if recover() != nil {
			raw, ok = nil, false
		}
	}()
	v := obj.Get(k)
	if v == nil || goja.IsUndefined(v) {
		return nil, false
	}
	if _, isFn := goja.AssertFunction(v); isFn {
		return nil, false
	}
	if _, isSym := v.(*goja.Symbol); isSym {
		return nil, false
	}
	if raw, err := stringifyResult(ex.rt, v); err == nil {
		return raw, true
	}
	s, _ := marshalNoEscape(nodelib.Inspect(ex.rt, v))
	return s, true
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
