package runner

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/trigger"
)

// validatePayload runs the webtask compiler's checks of the point (EXTC lib/compilers/*.js)
// with their exact messages, on the payload already turned into JavaScript values. The
// compilers test with JavaScript's typeof, so null and arrays count as objects there; where the
// compiler would then read a property of null (and crash), hookterm reports the same
// "is not an object" message instead.
func validatePayload(id trigger.ID, body goja.Value) *PayloadError {
	fail := func(msg string) *PayloadError { return &PayloadError{Trigger: id, Message: msg} }
	bodyObj, ok := asObject(body)
	if !ok {
		return fail("Body received by extensibility point is not an object")
	}
	get := func(o *goja.Object, k string) goja.Value { return o.Get(k) }
	switch id {
	case trigger.CredentialsExchange:
		if jsTypeof(get(bodyObj, "client")) != "object" {
			return fail("Body .client received by extensibility point is not an object")
		}
		if scope := get(bodyObj, "scope"); scope != nil && scope.ToBoolean() && !isArray(scope) {
			return fail("Body .scope received by extensibility point is neither empty nor an array")
		}
		if jsTypeof(get(bodyObj, "audience")) != "string" {
			return fail("Body .audience received by extensibility point is not a string")
		}
	case trigger.PreUserRegistration, trigger.PostUserRegistration, trigger.PostChangePassword:
		if jsTypeof(get(bodyObj, "user")) != "object" {
			return fail("Body.user received by extensibility point is not an object")
		}
		ctx, ok := asObject(get(bodyObj, "context"))
		if !ok {
			return fail("Body.context received by extensibility point is not an object")
		}
		if jsTypeof(get(ctx, "connection")) != "object" {
			return fail("Body.context.connection received by extensibility point is not an object")
		}
	case trigger.SendPhoneMessage:
		if jsTypeof(get(bodyObj, "recipient")) != "string" {
			return fail("Body.recipient received by extensibility point is not a string")
		}
		if jsTypeof(get(bodyObj, "text")) != "string" {
			return fail("Body.text received by extensibility point is not a string")
		}
		ctx, ok := asObject(get(bodyObj, "context"))
		if !ok {
			return fail("Body.context received by extensibility point is not an object")
		}
		if s := jsString(get(ctx, "message_type")); s != "sms" && s != "voice" {
			return fail("Body.context.message_type received by extensibility point is not `sms` or `voice`")
		}
		if s := jsString(get(ctx, "action")); s != "enrollment" && s != "second-factor-authentication" {
			return fail("Body.context.action received by extensibility point is not `enrollment` or `second-factor-authentication`")
		}
		for _, k := range []string{"language", "code", "ip", "user_agent"} {
			if jsTypeof(get(ctx, k)) != "string" {
				return fail("Body.context." + k + " received by extensibility point is not a string")
			}
		}
		if raw := get(ctx, "client"); raw != nil && !goja.IsUndefined(raw) {
			client, ok := asObject(raw)
			if !ok {
				return fail("Body.context.client received by extensibility point is not an object")
			}
			if jsTypeof(get(client, "client_id")) != "string" {
				return fail("Body.context.client.client_id received by extensibility point is not a string")
			}
			if jsTypeof(get(client, "name")) != "string" {
				return fail("Body.context.client.name received by extensibility point is not a string")
			}
			if jsTypeof(get(client, "client_metadata")) != "object" {
				return fail("Body.context.client.client_metadata received by extensibility point is not an object")
			}
		}
		if jsTypeof(get(ctx, "user")) != "object" {
			return fail("Body.context.user received by extensibility point is not an object")
		}
	default:
		return fail(fmt.Sprintf("unknown extensibility point %q", id))
	}
	return nil
}

// asObject returns v as an object when typeof v is "object" and v is not null.
func asObject(v goja.Value) (*goja.Object, bool) {
	o, ok := v.(*goja.Object)
	return o, ok
}

// jsTypeof is JavaScript's typeof for values that come from JSON; a missing value is
// "undefined".
func jsTypeof(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "object"
	}
	if _, ok := v.(*goja.Object); ok {
		return "object"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	default:
		return "number"
	}
}

func isArray(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == "Array"
}

func jsString(v goja.Value) string {
	if jsTypeof(v) != "string" {
		return ""
	}
	return v.String()
}
