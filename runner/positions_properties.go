package runner

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

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
	out, err := redactJSON(newRedactor(ex.req.Secrets), b.Bytes())
	if err != nil {
		return nil
	}
	return out
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

// redactJSON masks secret values in every string (keys included) of the JSON text raw,
// keeping its order; numbers are kept as written.
func redactJSON(d redactor, raw []byte) (json.RawMessage, error) {
	if d.r == nil {
		return raw, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	// Each open container keeps whether it is an object and how many tokens it has had:
	// in an object, even positions are keys.
	type level struct {
		object bool
		n      int
	}
	var stack []level
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			out.WriteByte(byte(d))
			stack = stack[:len(stack)-1]
			continue
		}
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			switch {
			case top.object && top.n%2 == 1:
				out.WriteByte(':')
			case top.n > 0:
				out.WriteByte(',')
			}
			top.n++
		}
		switch t := tok.(type) {
		case json.Delim:
			out.WriteByte(byte(t))
			stack = append(stack, level{object: t == '{'})
		case string:
			s, err := marshalNoEscape(d.apply(t))
			if err != nil {
				return nil, err
			}
			out.Write(s)
		case json.Number:
			out.WriteString(t.String())
		case bool:
			if t {
				out.WriteString("true")
			} else {
				out.WriteString("false")
			}
		case nil:
			out.WriteString("null")
		}
	}
	return out.Bytes(), nil
}
