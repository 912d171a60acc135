package runner

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/trigger"
)

// computeApplied says what Auth0 would do with a successful result (spec §1.2, §1.3 and
// decisions.md). Points whose result Auth0 ignores get only a Summary saying so, so that every
// consumer (the CLI in both outputs, the TUI, run records) says the same sentence. It walks
// the result's JavaScript value, skipping what JSON serialisation drops, and decodes only the
// values it reports.
func computeApplied(rt *goja.Runtime, id trigger.ID, result goja.Value) *Applied {
	switch id {
	case trigger.CredentialsExchange:
		return appliedCredentialsExchange(rt, result)
	case trigger.PreUserRegistration:
		return appliedPreUserRegistration(rt, result)
	case trigger.SendPhoneMessage:
		return &Applied{Summary: "nothing from the result: the hook sends the message itself"}
	}
	return &Applied{Summary: "nothing: " + string(id) + " hooks run asynchronously and Auth0 ignores their result"}
}

// members lists an object's own enumerable properties that JSON keeps (not undefined,
// functions or symbols), in order; ok is false when v is not a plain object or array.
func members(v goja.Value) (keys []string, vals []goja.Value, ok bool) {
	defer func() {
		if recover() != nil {
			keys, vals, ok = nil, nil, false
		}
	}()
	o, isObj := v.(*goja.Object)
	if !isObj || o.ClassName() != "Object" {
		return nil, nil, false
	}
	for _, k := range o.Keys() {
		val := o.Get(k)
		if val == nil || goja.IsUndefined(val) {
			continue
		}
		if _, isSym := val.(*goja.Symbol); isSym {
			continue
		}
		if vo, isObj := val.(*goja.Object); isObj && vo.ClassName() == "Function" {
			continue
		}
		keys = append(keys, k)
		vals = append(vals, val)
	}
	return keys, vals, true
}

// jsonItems gives the items of v's JSON form, each as the JSON text JSON.stringify wrote for
// it; ok is false when that form is not an array.
func jsonItems(rt *goja.Runtime, v goja.Value) (items []json.RawMessage, ok bool) {
	if v == nil {
		return nil, false
	}
	s, undef, err := fastStringify(rt, v)
	if err != nil || undef || !strings.HasPrefix(s, "[") {
		return nil, false
	}
	if json.Unmarshal([]byte(s), &items) != nil {
		return nil, false
	}
	return items, true
}

// jsonValue converts v to a Go value through its JSON form.
func jsonValue(rt *goja.Runtime, v goja.Value) any {
	s, undef, err := fastStringify(rt, v)
	if err != nil || undef {
		return nil
	}
	var out any
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func appliedCredentialsExchange(rt *goja.Runtime, result goja.Value) *Applied {
	a := &Applied{}
	keys, vals, ok := members(result)
	if !ok {
		a.ScopeDropped = true
		a.Scope = []string{}
		a.Summary = "the result is not an object: the token gets no scope and no extra claims"
		return a
	}
	var scope goja.Value
	for i, k := range keys {
		if k == "scope" {
			scope = vals[i]
			continue
		}
		if isAllowedClaim(k) {
			if a.ClaimsKept == nil {
				a.ClaimsKept = map[string]any{}
			}
			a.ClaimsKept[k] = jsonValue(rt, vals[i])
		} else {
			a.ClaimsIgnored = append(a.ClaimsIgnored, k)
		}
	}
	a.Scope = []string{}
	switch items, isArr := jsonItems(rt, scope); {
	case scope == nil || goja.IsNull(scope):
		a.ScopeDropped = true
	case !isArr:
		a.ScopeDropped = true
		a.Ignored = append(a.Ignored, "scope (not an array of strings)")
	default:
		for _, it := range items {
			var s string
			if len(it) > 0 && it[0] == '"' && json.Unmarshal(it, &s) == nil {
				a.Scope = append(a.Scope, s)
			} else {
				// The item as the result's JSON has it (null, 1, {}, [ … ]), which is what
				// Auth0 received: a script author reads JavaScript, not Go.
				a.Ignored = append(a.Ignored, "scope item "+string(it)+" (not a string)")
			}
		}
	}
	sort.Strings(a.ClaimsIgnored)
	var parts []string
	if a.ScopeDropped {
		parts = append(parts, "no scope in the result: the granted scopes are dropped")
	} else if len(a.Scope) == 0 {
		parts = append(parts, "token scope: (empty)")
	} else {
		parts = append(parts, "token scope: "+strings.Join(a.Scope, " "))
	}
	if n := len(a.ClaimsKept); n > 0 {
		parts = append(parts, plural(n, "claim")+" added")
	}
	if n := len(a.ClaimsIgnored); n > 0 {
		parts = append(parts, plural(n, "property")+" ignored (claims must be http(s) URLs outside auth0.com, webtask.io, webtask.run)")
	}
	a.Summary = strings.Join(parts, "; ")
	return a
}

// isAllowedClaim reports whether Auth0 adds the property as a claim: a URL with the http or
// https scheme whose host is not auth0.com, webtask.io, webtask.run or one of their subdomains.
func isAllowedClaim(name string) bool {
	u, err := url.Parse(name)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range []string{"auth0.com", "webtask.io", "webtask.run"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return false
		}
	}
	return true
}

func appliedPreUserRegistration(rt *goja.Runtime, result goja.Value) *Applied {
	a := &Applied{}
	keys, vals, _ := members(result)
	var user goja.Value
	for i, k := range keys {
		if k == "user" {
			user = vals[i]
		} else {
			a.Ignored = append(a.Ignored, k)
		}
	}
	ukeys, uvals, _ := members(user)
	for i, k := range ukeys {
		switch k {
		case "user_metadata", "app_metadata":
			md, ok := jsonValue(rt, uvals[i]).(map[string]any)
			if !ok {
				a.Ignored = append(a.Ignored, "user."+k+" (not an object)")
				continue
			}
			collectInvalidKeys(k, md, &a.InvalidKeys)
			if k == "user_metadata" {
				a.UserMetadata = md
			} else {
				a.AppMetadata = md
			}
		default:
			a.Ignored = append(a.Ignored, "user."+k)
		}
	}
	sort.Strings(a.Ignored)
	sort.Strings(a.InvalidKeys)
	var parts []string
	switch {
	case a.UserMetadata == nil && a.AppMetadata == nil:
		parts = append(parts, "no metadata is added to the new user")
	default:
		// Only the keys Auth0 accepts are counted: the invalid ones are listed apart.
		var kept []string
		if a.UserMetadata != nil {
			kept = append(kept, plural(validKeyCount(a.UserMetadata), "user_metadata key"))
		}
		if a.AppMetadata != nil {
			kept = append(kept, plural(validKeyCount(a.AppMetadata), "app_metadata key"))
		}
		parts = append(parts, "the new user gets "+strings.Join(kept, " and "))
	}
	if n := len(a.InvalidKeys); n > 0 {
		parts = append(parts, plural(n, "invalid metadata key")+" (names must not contain '.' or start with '$'): "+strings.Join(a.InvalidKeys, ", "))
	}
	if n := len(a.Ignored); n > 0 {
		parts = append(parts, plural(n, "property")+" ignored (only user.user_metadata and user.app_metadata are used)")
	}
	a.Summary = strings.Join(parts, "; ")
	return a
}

// invalidMetadataKey reports whether Auth0 rejects a metadata property name: it must not
// contain '.' nor start with '$'.
func invalidMetadataKey(k string) bool {
	return strings.Contains(k, ".") || strings.HasPrefix(k, "$")
}

// validKeyCount counts the top-level keys of a metadata object that Auth0 accepts.
func validKeyCount(m map[string]any) int {
	n := 0
	for k := range m {
		if !invalidMetadataKey(k) {
			n++
		}
	}
	return n
}

// collectInvalidKeys lists metadata keys, at any depth, that contain '.' or start with '$'.
func collectInvalidKeys(prefix string, m map[string]any, out *[]string) {
	for k, v := range m {
		path := prefix + "." + k
		if invalidMetadataKey(k) {
			*out = append(*out, path)
		}
		if sub, ok := v.(map[string]any); ok {
			collectInvalidKeys(path, sub, out)
		}
	}
}

// plural counts n of an English noun: "1 key", "2 keys", "2 properties" (a consonant before
// the final y), "0 claims".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if len(noun) >= 2 && noun[len(noun)-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])) {
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
