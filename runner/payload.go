package runner

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/hookterm/hookterm/trigger"
)

// validatePayload runs the webtask compiler's checks of the point (EXTC lib/compilers/*.js)
// with their exact messages. The compilers test with JavaScript's typeof, so null and arrays
// count as objects there; where the compiler would then read a property of null (and crash),
// hookterm reports the same "is not an object" message instead.
func validatePayload(id trigger.ID, payload json.RawMessage) *PayloadError {
	fail := func(msg string) *PayloadError { return &PayloadError{Trigger: id, Message: msg} }
	body, ok := objectFields(payload)
	if !ok {
		return fail("Body received by extensibility point is not an object")
	}
	switch id {
	case trigger.CredentialsExchange:
		if jsTypeof(body["client"]) != "object" {
			return fail("Body .client received by extensibility point is not an object")
		}
		if jsTruthy(body["scope"]) && !isArray(body["scope"]) {
			return fail("Body .scope received by extensibility point is neither empty nor an array")
		}
		if jsTypeof(body["audience"]) != "string" {
			return fail("Body .audience received by extensibility point is not a string")
		}
	case trigger.PreUserRegistration, trigger.PostUserRegistration, trigger.PostChangePassword:
		if jsTypeof(body["user"]) != "object" {
			return fail("Body.user received by extensibility point is not an object")
		}
		ctx, ok := objectFields(body["context"])
		if !ok {
			return fail("Body.context received by extensibility point is not an object")
		}
		if jsTypeof(ctx["connection"]) != "object" {
			return fail("Body.context.connection received by extensibility point is not an object")
		}
	case trigger.SendPhoneMessage:
		if jsTypeof(body["recipient"]) != "string" {
			return fail("Body.recipient received by extensibility point is not a string")
		}
		if jsTypeof(body["text"]) != "string" {
			return fail("Body.text received by extensibility point is not a string")
		}
		ctx, ok := objectFields(body["context"])
		if !ok {
			return fail("Body.context received by extensibility point is not an object")
		}
		if s := jsString(ctx["message_type"]); s != "sms" && s != "voice" {
			return fail("Body.context.message_type received by extensibility point is not `sms` or `voice`")
		}
		if s := jsString(ctx["action"]); s != "enrollment" && s != "second-factor-authentication" {
			return fail("Body.context.action received by extensibility point is not `enrollment` or `second-factor-authentication`")
		}
		for _, k := range []string{"language", "code", "ip", "user_agent"} {
			if jsTypeof(ctx[k]) != "string" {
				return fail("Body.context." + k + " received by extensibility point is not a string")
			}
		}
		if raw, present := ctx["client"]; present {
			client, ok := objectFields(raw)
			if !ok {
				return fail("Body.context.client received by extensibility point is not an object")
			}
			if jsTypeof(client["client_id"]) != "string" {
				return fail("Body.context.client.client_id received by extensibility point is not a string")
			}
			if jsTypeof(client["name"]) != "string" {
				return fail("Body.context.client.name received by extensibility point is not a string")
			}
			if jsTypeof(client["client_metadata"]) != "object" {
				return fail("Body.context.client.client_metadata received by extensibility point is not an object")
			}
		}
		if jsTypeof(ctx["user"]) != "object" {
			return fail("Body.context.user received by extensibility point is not an object")
		}
	default:
		return fail(fmt.Sprintf("unknown extensibility point %q", id))
	}
	return nil
}

// objectFields decodes raw as a JSON object (not null, not an array).
func objectFields(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, false
	}
	return m, true
}

// jsTypeof is JavaScript's typeof of a JSON value; a missing value is "undefined".
func jsTypeof(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "undefined"
	}
	switch raw[0] {
	case '{', '[', 'n':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	default:
		return "number"
	}
}

func isArray(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '['
}

func jsTruthy(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch s := string(raw); s {
	case "null", "false", `""`:
		return false
	default:
		if jsTypeof(raw) == "number" {
			var f float64
			if json.Unmarshal(raw, &f) == nil && f == 0 {
				return false
			}
		}
		return true
	}
}

func jsString(raw json.RawMessage) string {
	var s string
	if jsTypeof(raw) != "string" || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
