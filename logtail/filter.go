package logtail

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hookterm/hookterm/api"
)

// Group is a named set of log events a hook author follows together. Checkpoint mode ignores
// the server-side query, so every group is a client-side predicate.
type Group struct {
	Name    string
	Aliases []string
	Help    string
	Types   []string
	// PathPrefix, when set, narrows Management API events to requests under this path.
	PathPrefix string
}

// builtinGroups lists the hook-related event groups (spec §4.3). "hooks" is their union.
// It builds them afresh on each call, so no caller can change another's groups through the
// slices it was given (a package-level slice would be shared mutable state).
func builtinGroups() []Group {
	return []Group{
		{Name: "signups", Aliases: []string{"pre-user-registration", "signup"}, Help: "signups (pre-user-registration)", Types: []string{"ss", "fs"}},
		{Name: "client-credentials", Aliases: []string{"credentials-exchange", "cc"}, Help: "client credentials exchanges", Types: []string{"seccft", "feccft"}},
		{Name: "password-changes", Aliases: []string{"post-change-password", "password"}, Help: "password changes", Types: []string{"scp", "fcp", "fcph"}},
		{Name: "post-registration", Aliases: []string{"post-user-registration"}, Help: "post-registration hook failures", Types: []string{"fpurh"}},
		{Name: "phone", Aliases: []string{"send-phone-message", "sms"}, Help: "phone messages (SMS and voice)", Types: []string{"gd_send_sms", "gd_send_sms_failure", "gd_send_voice", "gd_send_voice_failure"}},
		{Name: "hooks-api", Aliases: []string{"management", "mgmt"}, Help: "Management API operations on /api/v2/hooks", Types: []string{"sapi", "fapi"}, PathPrefix: "/api/v2/hooks"},
		{Name: "runs", Aliases: []string{"hook-runs"}, Help: "hookterm's local runs of stored hooks", Types: []string{api.LogTypeHookRunOK, api.LogTypeHookRunFailed}},
	}
}

// Groups returns the predefined groups, plus "hooks" (all of them), for help texts.
func Groups() []Group {
	return append(builtinGroups(), Group{Name: "hooks", Help: "every hook-related event above"})
}

// LookupGroup finds a group by name or alias; ok is false for anything else (free text).
func LookupGroup(name string) ([]Group, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "hooks" || name == "all-hooks" {
		return builtinGroups(), true
	}
	for _, g := range builtinGroups() {
		if g.Name == name {
			return []Group{g}, true
		}
		for _, a := range g.Aliases {
			if a == name {
				return []Group{g}, true
			}
		}
	}
	return nil, false
}

// Filter selects entries client-side. An entry passes when it matches any of the groups or
// types (or there are none), every text term, the client and the user.
type Filter struct {
	Groups []Group
	Types  []string
	// Text terms match case-insensitively anywhere in the entry's searchable text (type and its
	// name, description, client, user, connection, log id, hook name).
	Text []string
	// Client matches the client id or name; User matches the user id or name (substring,
	// case-insensitive).
	Client string
	User   string
}

// ParseFilters builds a Filter from `--filter` values and `--type` codes. A filter value is a
// group name, `type:CODE`, `client:X`, `user:X`, or free text.
func ParseFilters(filters, types []string) (*Filter, error) {
	f := &Filter{}
	for _, t := range types {
		for _, code := range strings.Split(t, ",") {
			if code = strings.TrimSpace(code); code != "" {
				f.Types = append(f.Types, code)
			}
		}
	}
	for _, v := range filters {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if gs, ok := LookupGroup(v); ok {
			f.Groups = append(f.Groups, gs...)
			continue
		}
		key, val, hasKey := strings.Cut(v, ":")
		if hasKey {
			switch strings.ToLower(key) {
			case "type":
				f.Types = append(f.Types, val)
				continue
			case "client":
				if f.Client != "" {
					return nil, fmt.Errorf("filter %q: only one client filter is allowed", v)
				}
				f.Client = val
				continue
			case "user":
				if f.User != "" {
					return nil, fmt.Errorf("filter %q: only one user filter is allowed", v)
				}
				f.User = val
				continue
			}
		}
		f.Text = append(f.Text, v)
	}
	return f, nil
}

// Empty reports whether the filter lets everything through.
func (f *Filter) Empty() bool {
	return f == nil || (len(f.Groups) == 0 && len(f.Types) == 0 && len(f.Text) == 0 && f.Client == "" && f.User == "")
}

// Match reports whether e passes the filter.
func (f *Filter) Match(e *api.LogEntry) bool { return f.MatchText(e, "") }

// MatchText is Match with e's SearchText already computed (callers that keep it, such as the
// log pane, save building it again); "" computes it when needed.
func (f *Filter) MatchText(e *api.LogEntry, hay string) bool {
	if f.Empty() {
		return true
	}
	if len(f.Groups) > 0 || len(f.Types) > 0 {
		if !f.matchKind(e) {
			return false
		}
	}
	if f.Client != "" && !containsAnyFold(f.Client, e.ClientID, e.ClientName) {
		return false
	}
	if f.User != "" && !containsAnyFold(f.User, e.UserID, e.UserName) {
		return false
	}
	if len(f.Text) > 0 {
		if hay == "" {
			hay = SearchText(e)
		}
		for _, t := range f.Text {
			if !strings.Contains(hay, strings.ToLower(t)) {
				return false
			}
		}
	}
	return true
}

func (f *Filter) matchKind(e *api.LogEntry) bool {
	for _, t := range f.Types {
		if t == e.Type {
			return true
		}
	}
	for _, g := range f.Groups {
		for _, t := range g.Types {
			if t != e.Type {
				continue
			}
			if g.PathPrefix == "" || strings.HasPrefix(RequestPath(e), g.PathPrefix) {
				return true
			}
		}
	}
	return false
}

// String describes the filter for status lines.
func (f *Filter) String() string {
	if f.Empty() {
		return "all events"
	}
	var parts []string
	for _, g := range f.Groups {
		parts = append(parts, g.Name)
	}
	if len(f.Types) > 0 {
		ts := append([]string(nil), f.Types...)
		sort.Strings(ts)
		parts = append(parts, "type "+strings.Join(ts, ","))
	}
	for _, t := range f.Text {
		parts = append(parts, fmt.Sprintf("%q", t))
	}
	if f.Client != "" {
		parts = append(parts, "client "+f.Client)
	}
	if f.User != "" {
		parts = append(parts, "user "+f.User)
	}
	return strings.Join(parts, " + ")
}

// RequestPath is details.request.path of a Management API entry ("" when absent).
func RequestPath(e *api.LogEntry) string {
	req, _ := e.Details["request"].(map[string]any)
	p, _ := req["path"].(string)
	return p
}

// HookName is details.hook_name of a hook run entry ("" when absent).
func HookName(e *api.LogEntry) string {
	s, _ := e.Details["hook_name"].(string)
	return s
}

// SearchText is the lower-cased text that free-text filters search in.
func SearchText(e *api.LogEntry) string {
	var b strings.Builder
	for _, s := range []string{e.Type, api.LogTypeName(e.Type), e.Description, e.ClientID, e.ClientName,
		e.UserID, e.UserName, e.Connection, e.LogID, HookName(e), RequestPath(e)} {
		if s != "" {
			b.WriteString(strings.ToLower(s))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func containsAnyFold(needle string, hay ...string) bool {
	needle = strings.ToLower(needle)
	for _, h := range hay {
		if h != "" && strings.Contains(strings.ToLower(h), needle) {
			return true
		}
	}
	return false
}
