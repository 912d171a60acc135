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
// decisions.md). Points whose result Auth0 ignores get nil. It walks the result's JavaScript
// value, skipping what JSON serialisation drops, and decodes only the values it reports.
func computeApplied(id trigger.ID, result goja.Value) *Applied {
	switch id {
	case trigger.CredentialsExchange:
		return appliedCredentialsExchange(result)
	case trigger.PreUserRegistration:
		return appliedPreUserRegistration(result)
	}
	return nil
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

// jsonValue converts v to a Go value through its JSON form.
func jsonValue(v goja.Value) any {
	s, undef, err := fastStringify(v)
	if err != nil || undef {
		return nil
	}
	var out any
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func appliedCredentialsExchange(result goja.Value) *Applied {
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
			a.ClaimsKept[k] = jsonValue(vals[i])
		} else {
			a.ClaimsIgnored = append(a.ClaimsIgnored, k)
		}
	}
	a.Scope = []string{}
	switch items, isArr := jsonValue(scope).([]any); {
	case scope == nil || goja.IsNull(scope):
		a.ScopeDropped = true
	case !isArr:
		a.ScopeDropped = true
		a.Ignored = append(a.Ignored, "scope (not an array of strings)")
	default:
		for _, it := range items {
			if s, ok := it.(string); ok {
				a.Scope = append(a.Scope, s)
			} else {
				a.Ignored = append(a.Ignored, fmt.Sprintf("scope item %v (not a string)", it))
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

func appliedPreUserRegistration(result goja.Value) *Applied {
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
			md, ok := jsonValue(uvals[i]).(map[string]any)
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
		var kept []string
		if a.UserMetadata != nil {
			kept = append(kept, plural(len(a.UserMetadata), "user_metadata key"))
		}
		if a.AppMetadata != nil {
			kept = append(kept, plural(len(a.AppMetadata), "app_metadata key"))
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

// collectInvalidKeys lists metadata keys, at any depth, that contain '.' or start with '$'.
func collectInvalidKeys(prefix string, m map[string]any, out *[]string) {
	for k, v := range m {
		path := prefix + "." + k
		if strings.Contains(k, ".") || strings.HasPrefix(k, "$") {
			*out = append(*out, path)
		}
		if sub, ok := v.(map[string]any); ok {
			collectInvalidKeys(path, sub, out)
		}
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
