package runner

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/hookterm/hookterm/trigger"
)

// computeApplied says what Auth0 would do with a successful result (spec §1.2, §1.3 and
// decisions.md). Points whose result Auth0 ignores get nil.
func computeApplied(id trigger.ID, result json.RawMessage) *Applied {
	switch id {
	case trigger.CredentialsExchange:
		return appliedCredentialsExchange(result)
	case trigger.PreUserRegistration:
		return appliedPreUserRegistration(result)
	}
	return nil
}

func appliedCredentialsExchange(result json.RawMessage) *Applied {
	a := &Applied{}
	var obj map[string]json.RawMessage
	if json.Unmarshal(result, &obj) != nil || obj == nil {
		a.ScopeDropped = true
		a.Scope = []string{}
		a.Summary = "the result is not an object: the token gets no scope and no extra claims"
		return a
	}
	rawScope, hasScope := obj["scope"]
	switch {
	case !hasScope || string(rawScope) == "null":
		a.ScopeDropped = true
		a.Scope = []string{}
	default:
		var items []any
		if json.Unmarshal(rawScope, &items) != nil {
			a.ScopeDropped = true
			a.Scope = []string{}
			a.Ignored = append(a.Ignored, "scope (not an array of strings)")
			break
		}
		a.Scope = []string{}
		for _, it := range items {
			if s, ok := it.(string); ok {
				a.Scope = append(a.Scope, s)
			} else {
				a.Ignored = append(a.Ignored, fmt.Sprintf("scope item %v (not a string)", it))
			}
		}
	}
	for k, v := range obj {
		if k == "scope" {
			continue
		}
		if isAllowedClaim(k) {
			if a.ClaimsKept == nil {
				a.ClaimsKept = map[string]any{}
			}
			var val any
			_ = json.Unmarshal(v, &val)
			a.ClaimsKept[k] = val
		} else {
			a.ClaimsIgnored = append(a.ClaimsIgnored, k)
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

func appliedPreUserRegistration(result json.RawMessage) *Applied {
	a := &Applied{}
	var obj map[string]json.RawMessage
	_ = json.Unmarshal(result, &obj)
	for k := range obj {
		if k != "user" {
			a.Ignored = append(a.Ignored, k)
		}
	}
	var user map[string]json.RawMessage
	if raw, ok := obj["user"]; ok {
		_ = json.Unmarshal(raw, &user)
	}
	for k, raw := range user {
		switch k {
		case "user_metadata", "app_metadata":
			var md map[string]any
			if json.Unmarshal(raw, &md) != nil || md == nil {
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
