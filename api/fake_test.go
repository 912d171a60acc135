package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// apiFake is a small Management API (hooks, secrets, token) whose failures tests can inject.
// The real local tenant is exercised in tenant_handler_test.go; this one lets the retry and
// error paths be driven precisely.
type apiFake struct {
	mu      sync.Mutex
	hooks   map[string]*Hook
	order   []string
	secrets map[string]map[string]string
	nextID  int
	calls   map[string]int // "METHOD /path" → count
	tokens  int
	// fail, when set, answers instead of the normal handler (return false to fall through).
	fail func(w http.ResponseWriter, r *http.Request) bool
}

func newAPIFake() *apiFake {
	return &apiFake{hooks: map[string]*Hook{}, secrets: map[string]map[string]string{}, calls: map[string]int{}}
}

func (f *apiFake) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[key]
}

func apiFakeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"statusCode": status, "error": http.StatusText(status), "message": msg, "errorCode": code})
}

func apiFakeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *apiFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.calls[r.Method+" "+r.URL.Path]++
	fail := f.fail
	f.mu.Unlock()
	if fail != nil && fail(w, r) {
		return
	}
	if r.URL.Path == "/oauth/token" {
		_ = r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		if id != "fake-id" || secret != "fake-secret" {
			apiFakeJSON(w, 401, map[string]string{"error": "access_denied", "error_description": "Unauthorized"})
			return
		}
		f.mu.Lock()
		f.tokens++
		f.mu.Unlock()
		apiFakeJSON(w, 200, map[string]any{"access_token": "fake-token", "token_type": "Bearer", "expires_in": 86400})
		return
	}
	if r.Header.Get("Authorization") != "Bearer fake-token" {
		apiFakeError(w, 401, "invalid_token", "Invalid token")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 3 && parts[0] == "api" && parts[2] == "hooks":
		f.hooksCollection(w, r)
	case len(parts) == 4 && parts[0] == "api" && parts[2] == "hooks":
		f.hookItem(w, r, parts[3])
	case len(parts) == 5 && parts[0] == "api" && parts[4] == "secrets":
		f.secretsOf(w, r, parts[3], false)
	case len(parts) == 5 && parts[0] == "hookterm" && parts[4] == "secrets":
		f.secretsOf(w, r, parts[3], true)
	default:
		apiFakeError(w, 404, "", "Not Found")
	}
}

func (f *apiFake) hooksCollection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		var all []Hook
		for _, id := range f.order {
			h := f.hooks[id]
			if t := q.Get("triggerId"); t != "" && string(h.TriggerID) != t {
				continue
			}
			if e := q.Get("enabled"); e != "" && strconv.FormatBool(h.Enabled) != e {
				continue
			}
			all = append(all, *h)
		}
		page, _ := strconv.Atoi(q.Get("page"))
		per, _ := strconv.Atoi(q.Get("per_page"))
		if per == 0 {
			per = 50
		}
		start := min(page*per, len(all))
		end := min(start+per, len(all))
		out := all[start:end]
		if out == nil {
			out = []Hook{}
		}
		apiFakeJSON(w, 200, map[string]any{"total": len(all), "start": start, "limit": per, "hooks": out})
	case http.MethodPost:
		var h Hook
		if err := json.NewDecoder(r.Body).Decode(&h); err != nil {
			apiFakeError(w, 400, "invalid_body", err.Error())
			return
		}
		if msg := f.conflict("", h.Name, h.TriggerID, h.Enabled); msg != "" {
			apiFakeError(w, 409, "", msg)
			return
		}
		f.nextID++
		h.ID = fmt.Sprintf("fake-%d", f.nextID)
		if h.Dependencies == nil {
			h.Dependencies = map[string]string{}
		}
		f.hooks[h.ID] = &h
		f.order = append(f.order, h.ID)
		apiFakeJSON(w, 201, h)
	}
}

// conflict mirrors the local tenant's 409s: unique names, one enabled hook per point.
func (f *apiFake) conflict(id, name string, trig any, enabled bool) string {
	for _, o := range f.hooks {
		if o.ID == id {
			continue
		}
		if name != "" && o.Name == name {
			return "Hook with the same name already exists."
		}
		if enabled && o.Enabled && string(o.TriggerID) == fmt.Sprint(trig) {
			return fmt.Sprintf("Only one hook can be enabled per extensibility point: %q (%s) is enabled for %s.", o.Name, o.ID, o.TriggerID)
		}
	}
	return ""
}

func (f *apiFake) hookItem(w http.ResponseWriter, r *http.Request, id string) {
	h, ok := f.hooks[id]
	if !ok {
		apiFakeError(w, 404, "HookDoesNotExist", "Error: Hook does not exist")
		return
	}
	switch r.Method {
	case http.MethodGet:
		apiFakeJSON(w, 200, h)
	case http.MethodPatch:
		var body map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body) == 0 {
			apiFakeError(w, 400, "invalid_body", "Payload validation error: 'Too few properties defined (0), minimum 1'.")
			return
		}
		next := *h
		for k, v := range body {
			var err error
			switch k {
			case "name":
				err = json.Unmarshal(v, &next.Name)
			case "script":
				err = json.Unmarshal(v, &next.Script)
			case "enabled":
				err = json.Unmarshal(v, &next.Enabled)
			case "dependencies":
				err = json.Unmarshal(v, &next.Dependencies)
			default:
				err = fmt.Errorf("Payload validation error: 'Additional properties not allowed: %s'.", k)
			}
			if err != nil {
				apiFakeError(w, 400, "invalid_body", err.Error())
				return
			}
		}
		newName := ""
		if next.Name != h.Name {
			newName = next.Name
		}
		if msg := f.conflict(id, newName, next.TriggerID, next.Enabled && !h.Enabled); msg != "" {
			apiFakeError(w, 409, "hook_enabled_conflict", msg)
			return
		}
		*h = next
		apiFakeJSON(w, 200, h)
	case http.MethodDelete:
		delete(f.hooks, id)
		for i, o := range f.order {
			if o == id {
				f.order = append(f.order[:i], f.order[i+1:]...)
				break
			}
		}
		w.WriteHeader(204)
	}
}

func (f *apiFake) secretsOf(w http.ResponseWriter, r *http.Request, id string, values bool) {
	if _, ok := f.hooks[id]; !ok {
		apiFakeError(w, 404, "HookDoesNotExist", "Error: Hook does not exist")
		return
	}
	s := f.secrets[id]
	if s == nil {
		s = map[string]string{}
		f.secrets[id] = s
	}
	switch r.Method {
	case http.MethodGet:
		out := map[string]string{}
		for k, v := range s {
			if values {
				out[k] = v
			} else {
				out[k] = "_VALUE_NOT_SHOWN_"
			}
		}
		apiFakeJSON(w, 200, out)
	case http.MethodPost, http.MethodPatch:
		var in map[string]string
		_ = json.NewDecoder(r.Body).Decode(&in)
		for k := range in {
			if _, exists := s[k]; exists == (r.Method == http.MethodPost) {
				if r.Method == http.MethodPost {
					apiFakeError(w, 409, "", "Secret with the same name already exists.")
				} else {
					apiFakeError(w, 404, "", "Hook or secret not found.")
				}
				return
			}
		}
		for k, v := range in {
			s[k] = v
		}
		apiFakeJSON(w, 201, map[string]any{})
	case http.MethodDelete:
		var names []string
		_ = json.NewDecoder(r.Body).Decode(&names)
		for _, n := range names {
			delete(s, n)
		}
		w.WriteHeader(204)
	}
}

// apiTestClient opens a client on h in process with the fake's credentials.
func apiTestClient(t *testing.T, h http.Handler, kind TargetKind) *Client {
	t.Helper()
	c, err := newHandlerClient(context.Background(), h, "fake-id", "fake-secret", Target{Kind: kind, Display: "fake"}, embeddedRetryPolicy())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func decodeJSONBody(resp *http.Response, v any) error {
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
