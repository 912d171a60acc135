package tenant

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/oklog/ulid/v2"

	"github.com/hookterm/hookterm/trigger"
)

// Limits from decisions.md.
const (
	MaxNameLen      = 128
	MaxScriptBytes  = 102400
	MaxSecrets      = 20
	MaxSecretName   = 128
	MaxSecretValue  = 65536
	HiddenSecret    = "_VALUE_NOT_SHOWN_"
	namePatternText = `^[a-zA-Z0-9]([ \-a-zA-Z0-9]*[a-zA-Z0-9])?$`
	fieldsPattern   = `^((id)|(name)|(script)|(dependencies)|(enabled)|(triggerId))(,((id)|(name)|(script)|(dependencies)|(enabled)|(triggerId)))*$`
)

// propertyDescription is the schema description Auth0 appends to validation messages
// ("… on property name (Name of this hook).").
func propertyDescription(prop string) string {
	switch prop {
	case "name":
		return "Name of this hook"
	case "script":
		return "Code to be executed when this hook runs"
	case "triggerId":
		return "Execution stage of this rule. Can be credentials-exchange, pre-user-registration, post-user-registration, post-change-password, or send-phone-message"
	case "enabled":
		return "Whether this hook will be executed (true) or ignored (false)"
	case "dependencies":
		return "Dependencies of this hook used by webtask server"
	}
	return prop
}

type hook struct {
	ID           string
	Name         string
	Script       string
	TriggerID    string
	Enabled      bool
	Dependencies map[string]string
	deps         string // the stored JSON of Dependencies
}

func (t *Tenant) newID() string {
	return ulid.MustNew(ulid.Timestamp(t.now()), ulid.DefaultEntropy()).String()
}

func insertHook(ctx context.Context, tx *sql.Tx, h *hook) error {
	deps, err := json.Marshal(h.Dependencies)
	if err != nil {
		return fmt.Errorf("encode dependencies: %w", err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO hooks(id, name, script, trigger_id, enabled, dependencies) VALUES(?, ?, ?, ?, ?, ?)",
		h.ID, h.Name, h.Script, h.TriggerID, h.Enabled, string(deps))
	if err != nil {
		return fmt.Errorf("insert hook: %w", err)
	}
	return nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanHook(r rowScanner) (hook, error) {
	var h hook
	err := r.Scan(&h.ID, &h.Name, &h.Script, &h.TriggerID, &h.Enabled, &h.deps)
	return h, err
}

const hookColumns = "id, name, script, trigger_id, enabled, dependencies"

func getHookTx(ctx context.Context, tx *sql.Tx, id string) (hook, bool, error) {
	h, err := scanHook(tx.QueryRowContext(ctx, "SELECT "+hookColumns+" FROM hooks WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return hook{}, false, nil
	}
	if err != nil {
		return hook{}, false, fmt.Errorf("read hook %s: %w", id, err)
	}
	return h, true, nil
}

// appendHookJSON renders a hook with Auth0's key order: GET answers end "enabled","triggerId";
// POST and PATCH answers end "triggerId","enabled" (REC-go Read/Update). fields, when not nil,
// selects the properties (include=true) or drops them (include=false).
func appendHookJSON(b []byte, h *hook, getOrder bool, fields map[string]bool, include bool) []byte {
	want := func(f string) bool {
		if fields == nil {
			return true
		}
		return fields[f] == include
	}
	b = append(b, '{')
	first := true
	key := func(k string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':')
	}
	if want("id") {
		key("id")
		b = appendString(b, h.ID)
	}
	if want("name") {
		key("name")
		b = appendString(b, h.Name)
	}
	if want("script") {
		key("script")
		b = appendString(b, h.Script)
	}
	if want("dependencies") {
		key("dependencies")
		if h.deps == "" {
			b = append(b, "{}"...)
		} else {
			b = append(b, h.deps...)
		}
	}
	enabled := func() {
		if want("enabled") {
			key("enabled")
			b = strconv.AppendBool(b, h.Enabled)
		}
	}
	trig := func() {
		if want("triggerId") {
			key("triggerId")
			b = appendString(b, h.TriggerID)
		}
	}
	if getOrder {
		enabled()
		trig()
	} else {
		trig()
		enabled()
	}
	return append(b, '}')
}

// appendString appends s as a JSON string, escaping as encoding/json does (HTML-safe).
func appendString(b []byte, s string) []byte {
	safe := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			safe = false
			break
		}
	}
	if safe {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	enc, err := json.Marshal(s)
	if err != nil {
		// A Go string always marshals (invalid UTF-8 is replaced); keep the output valid.
		return append(b, `""`...)
	}
	return append(b, enc...)
}

// parseFields reads fields/include_fields; nil means every property.
func parseFields(r *http.Request) (map[string]bool, bool, *apiError) {
	if r.URL.RawQuery == "" {
		return nil, true, nil
	}
	q := r.URL.Query()
	include := true
	if v := q.Get("include_fields"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, false, errInvalidQuery(fmt.Sprintf("'Expected type boolean but found type string' on property include_fields (true if the fields specified are to be included in the result, false otherwise (defaults to true)). value %q", v))
		}
		include = b
	}
	v := q.Get("fields")
	if v == "" {
		return nil, include, nil
	}
	if !validFieldList(v) {
		return nil, false, errInvalidQuery(fmt.Sprintf("'String does not match pattern %s: %s' on property fields (Comma-separated list of fields to include or exclude (based on value provided for include_fields) in the result. Leave empty to retrieve all fields).", fieldsPattern, v))
	}
	m := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		m[f] = true
	}
	return m, include, nil
}

var (
	// Compiled once; regexps are safe for concurrent use and never change.
	nameRe = regexp.MustCompile(namePatternText)
	idRe   = regexp.MustCompile(`^[A-Za-z0-9-]*$`)
)

// validFieldList is fieldsPattern's test: one or more known field names joined by commas.
// It is written out rather than compiled from the pattern because compiling that regexp
// (one-pass analysis of its alternations) cost every hookterm process about a millisecond
// at start-up.
func validFieldList(v string) bool {
	for _, f := range strings.Split(v, ",") {
		switch f {
		case "id", "name", "script", "dependencies", "enabled", "triggerId":
		default:
			return false
		}
	}
	return true
}

func queryInt(r *http.Request, name, desc string, min, max int, def int) (int, bool, *apiError) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, false, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false, errInvalidQuery(fmt.Sprintf("'Expected type integer but found type string' on property %s (%s).", name, desc))
	}
	if n < min {
		return 0, false, errInvalidQuery(fmt.Sprintf("'Value %d is less than minimum %d' on property %s (%s).", n, min, name, desc))
	}
	if max >= 0 && n > max {
		return 0, false, errInvalidQuery(fmt.Sprintf("'Value %d is greater than maximum %d' on property %s (%s).", n, max, name, desc))
	}
	return n, true, nil
}

func queryBool(r *http.Request, name, desc string) (bool, bool, *apiError) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, false, errInvalidQuery(fmt.Sprintf("'Expected type boolean but found type string' on property %s (%s).", name, desc))
	}
	return b, true, nil
}

// listHooks answers GET /api/v2/hooks.
func (t *Tenant) listHooks(ctx context.Context, r *http.Request) (int, []byte, *apiError) {
	page, hasPage, aerr := queryInt(r, "page", "Page index of the results to return. First page is 0.", 0, -1, 0)
	if aerr != nil {
		return 0, nil, aerr
	}
	perPage, hasPerPage, aerr := queryInt(r, "per_page", "Number of results per page.", 0, 100, 50)
	if aerr != nil {
		return 0, nil, aerr
	}
	totals, _, aerr := queryBool(r, "include_totals", "Return results inside an object that contains the total result count (true) or as a direct array of results (false, default).")
	if aerr != nil {
		return 0, nil, aerr
	}
	enabled, hasEnabled, aerr := queryBool(r, "enabled", "Optional filter on whether a hook is enabled (true) or disabled (false).")
	if aerr != nil {
		return 0, nil, aerr
	}
	trig := r.URL.Query().Get("triggerId")
	if trig != "" {
		if _, ok := trigger.Lookup(trig); !ok {
			return 0, nil, errInvalidQuery(fmt.Sprintf("'No enum match for: \"%s\"' on property triggerId (Retrieves hooks that match the trigger).", trig))
		}
	}
	fields, include, aerr := parseFields(r)
	if aerr != nil {
		return 0, nil, aerr
	}
	// An object with totals is always a page (of 50 by default), as on Auth0; a bare array
	// without paging parameters is the whole list.
	paged := hasPage || hasPerPage || totals
	snap, err := t.cache.snapshot(ctx, t.db)
	if err != nil {
		return 0, nil, t.internal(err)
	}
	if snap != nil {
		return http.StatusOK, listFromSnapshot(snap, listQuery{
			page: page, perPage: perPage, paged: paged, totals: totals, enabled: enabled, hasEnabled: hasEnabled,
			trigger: trig, fields: fields, include: include,
		}), nil
	}
	where, args := []string{}, []any{}
	if hasEnabled {
		where = append(where, "enabled = ?")
		args = append(args, enabled)
	}
	if trig != "" {
		where = append(where, "trigger_id = ?")
		args = append(args, trig)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if totals {
		if err := t.db.QueryRowContext(ctx, "SELECT count(*) FROM hooks"+cond, args...).Scan(&total); err != nil {
			return 0, nil, t.internal(fmt.Errorf("count hooks: %w", err))
		}
	}
	query := "SELECT " + hookColumns + " FROM hooks" + cond + " ORDER BY id"
	if paged {
		query += " LIMIT ? OFFSET ?"
		args = append(args, perPage, page*perPage)
	}
	rows, err := t.db.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("list hooks: %w", err))
	}
	defer rows.Close()
	b := make([]byte, 0, 4096)
	if totals {
		limit := perPage
		b = fmt.Appendf(b, `{"total":%d,"start":%d,"limit":%d,"hooks":[`, total, page*perPage, limit)
	} else {
		b = append(b, '[')
	}
	n := 0
	for rows.Next() {
		h, err := scanHook(rows)
		if err != nil {
			return 0, nil, t.internal(fmt.Errorf("list hooks: %w", err))
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendHookJSON(b, &h, true, fields, include)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, t.internal(fmt.Errorf("list hooks: %w", err))
	}
	b = append(b, ']')
	if totals {
		b = append(b, '}')
	}
	return http.StatusOK, b, nil
}

func checkID(id string) *apiError {
	if !idRe.MatchString(id) {
		return errInvalidURI(fmt.Sprintf("'String does not match pattern ^[A-Za-z0-9-]*$: %s' on property id (ID of the hook to retrieve).", id))
	}
	return nil
}

// getHook answers GET /api/v2/hooks/{id}.
func (t *Tenant) getHook(ctx context.Context, r *http.Request) (int, []byte, *apiError) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr
	}
	fields, include, aerr := parseFields(r)
	if aerr != nil {
		return 0, nil, aerr
	}
	snap, err := t.cache.snapshot(ctx, t.db)
	if err != nil {
		return 0, nil, t.internal(err)
	}
	if snap != nil {
		ch := snap.byID[id]
		if ch == nil {
			return 0, nil, errHookNotFound()
		}
		if fields == nil {
			return http.StatusOK, ch.get, nil
		}
		return http.StatusOK, appendHookJSON(nil, &ch.h, true, fields, include), nil
	}
	h, err := scanHook(t.stmts.getHook.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, errHookNotFound()
	}
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("read hook %s: %w", id, err))
	}
	return http.StatusOK, appendHookJSON(make([]byte, 0, 256+len(h.Script)), &h, true, fields, include), nil
}

// decodeObject reads a JSON object body, keeping the raw value of each property so that the
// validation can name wrong types the way Auth0's schema validator does.
func decodeObject(body []byte) (map[string]json.RawMessage, *apiError) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, errf(http.StatusBadRequest, "invalid_body", "Invalid request payload JSON format")
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, errInvalidBody(fmt.Sprintf("'Expected type object but found type %s'.", jsonType(v)))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, errf(http.StatusBadRequest, "invalid_body", "Invalid request payload JSON format")
	}
	return m, nil
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func onProperty(reason, prop string) string {
	return fmt.Sprintf("'%s' on property %s (%s).", reason, prop, propertyDescription(prop))
}

// hookInput is a validated POST or PATCH body.
type hookInput struct {
	Name, Script, TriggerID *string
	Enabled                 *bool
	Dependencies            *map[string]string
}

// validateHookBody applies the OAS schema: additionalProperties false, the required
// properties on create, minProperties 1 on update, types, patterns and sizes.
func validateHookBody(body []byte, create bool) (hookInput, *apiError) {
	var in hookInput
	m, aerr := decodeObject(body)
	if aerr != nil {
		return in, aerr
	}
	var reasons []string
	allowed := map[string]bool{"name": true, "script": true, "enabled": true, "dependencies": true, "triggerId": create}
	var extra []string
	for k := range m {
		if !allowed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		reasons = append(reasons, fmt.Sprintf("'Additional properties not allowed: %s'.", strings.Join(extra, ",")))
	}
	if create {
		for _, req := range []string{"name", "script", "triggerId"} {
			if _, ok := m[req]; !ok {
				reasons = append(reasons, fmt.Sprintf("'Missing required property: %s'.", req))
			}
		}
	} else if len(m) == 0 {
		reasons = append(reasons, "'Too few properties defined (0), minimum 1'.")
	}
	str := func(prop string) *string {
		raw, ok := m[prop]
		if !ok {
			return nil
		}
		var v any
		_ = json.Unmarshal(raw, &v)
		s, ok := v.(string)
		if !ok {
			reasons = append(reasons, onProperty(fmt.Sprintf("Expected type string but found type %s", jsonType(v)), prop))
			return nil
		}
		return &s
	}
	if s := str("name"); s != nil {
		switch {
		case len(*s) > MaxNameLen:
			reasons = append(reasons, onProperty(fmt.Sprintf("String is too long (%d chars), maximum %d", len(*s), MaxNameLen), "name"))
		case !nameRe.MatchString(*s):
			reasons = append(reasons, onProperty(fmt.Sprintf("String does not match pattern %s: %s", namePatternText, *s), "name"))
		default:
			in.Name = s
		}
	}
	if s := str("script"); s != nil {
		switch {
		case len(*s) == 0:
			reasons = append(reasons, onProperty("String is too short (0 chars), minimum 1", "script"))
		case len(*s) > MaxScriptBytes:
			reasons = append(reasons, onProperty(fmt.Sprintf("String is too long (%d bytes), maximum %d bytes", len(*s), MaxScriptBytes), "script"))
		default:
			in.Script = s
		}
	}
	if create {
		if s := str("triggerId"); s != nil {
			if _, ok := trigger.Lookup(*s); !ok {
				reasons = append(reasons, onProperty(fmt.Sprintf("No enum match for: %q", *s), "triggerId"))
			} else {
				in.TriggerID = s
			}
		}
	}
	if raw, ok := m["enabled"]; ok {
		var v any
		_ = json.Unmarshal(raw, &v)
		if b, ok := v.(bool); ok {
			in.Enabled = &b
		} else {
			reasons = append(reasons, onProperty(fmt.Sprintf("Expected type boolean but found type %s", jsonType(v)), "enabled"))
		}
	}
	if raw, ok := m["dependencies"]; ok {
		var v any
		_ = json.Unmarshal(raw, &v)
		obj, ok := v.(map[string]any)
		if !ok {
			reasons = append(reasons, onProperty(fmt.Sprintf("Expected type object but found type %s", jsonType(v)), "dependencies"))
		} else {
			deps := make(map[string]string, len(obj))
			bad := false
			for k, dv := range obj {
				s, ok := dv.(string)
				if !ok {
					bad = true
					reasons = append(reasons, onProperty(fmt.Sprintf("Expected type string but found type %s", jsonType(dv)), "dependencies"))
					break
				}
				deps[k] = s
			}
			if !bad {
				in.Dependencies = &deps
			}
		}
	}
	if len(reasons) > 0 {
		return in, errInvalidBody(reasons...)
	}
	return in, nil
}

// errNameTaken is the OAS 409 for a duplicate name.
func errNameTaken() *apiError {
	return errf(http.StatusConflict, "hook_conflict", "Hook with the same name already exists.")
}

// checkEnableConflict refuses a second enabled hook on one point (decisions.md).
func checkEnableConflict(ctx context.Context, tx *sql.Tx, triggerID, selfID string) (*apiError, error) {
	var id, name string
	err := tx.QueryRowContext(ctx, "SELECT id, name FROM hooks WHERE trigger_id = ? AND enabled = 1 AND id <> ?", triggerID, selfID).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the enabled %s hook: %w", triggerID, err)
	}
	return errf(http.StatusConflict, "hook_enabled_conflict",
		"Only one hook can be enabled per extensibility point: %q (%s) is already enabled for %s. Disable it first.", name, id, triggerID), nil
}

func nameTaken(ctx context.Context, tx *sql.Tx, name, selfID string) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM hooks WHERE name = ? AND id <> ?", name, selfID).Scan(&n); err != nil {
		return false, fmt.Errorf("check hook name: %w", err)
	}
	return n > 0, nil
}

// createHook answers POST /api/v2/hooks inside the write transaction.
func (t *Tenant) createHook(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error) {
	in, aerr := validateHookBody(body, true)
	if aerr != nil {
		return 0, nil, aerr, nil
	}
	h := hook{ID: t.newID(), Name: *in.Name, Script: *in.Script, TriggerID: *in.TriggerID, Dependencies: map[string]string{}}
	if in.Enabled != nil {
		h.Enabled = *in.Enabled
	}
	if in.Dependencies != nil {
		h.Dependencies = *in.Dependencies
	}
	taken, err := nameTaken(ctx, tx, h.Name, "")
	if err != nil {
		return 0, nil, nil, err
	}
	if taken {
		return 0, nil, errNameTaken(), nil
	}
	if h.Enabled {
		aerr, err := checkEnableConflict(ctx, tx, h.TriggerID, h.ID)
		if err != nil || aerr != nil {
			return 0, nil, aerr, err
		}
	}
	if err := insertHook(ctx, tx, &h); err != nil {
		return 0, nil, nil, err
	}
	deps, err := json.Marshal(h.Dependencies)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("encode dependencies: %w", err)
	}
	h.deps = string(deps)
	return http.StatusCreated, appendHookJSON(nil, &h, false, nil, true), nil, nil
}

// updateHook answers PATCH /api/v2/hooks/{id} inside the write transaction.
func (t *Tenant) updateHook(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr, nil
	}
	in, aerr := validateHookBody(body, false)
	if aerr != nil {
		return 0, nil, aerr, nil
	}
	h, ok, err := getHookTx(ctx, tx, id)
	if err != nil {
		return 0, nil, nil, err
	}
	if !ok {
		return 0, nil, errHookNotFound(), nil
	}
	if in.Name != nil && *in.Name != h.Name {
		taken, err := nameTaken(ctx, tx, *in.Name, id)
		if err != nil {
			return 0, nil, nil, err
		}
		if taken {
			return 0, nil, errf(http.StatusConflict, "hook_conflict", "A hook with the same name already exists."), nil
		}
		h.Name = *in.Name
	}
	if in.Script != nil {
		h.Script = *in.Script
	}
	if in.Enabled != nil {
		if *in.Enabled && !h.Enabled {
			aerr, err := checkEnableConflict(ctx, tx, h.TriggerID, h.ID)
			if err != nil || aerr != nil {
				return 0, nil, aerr, err
			}
		}
		h.Enabled = *in.Enabled
	}
	if in.Dependencies != nil {
		deps, err := json.Marshal(*in.Dependencies)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("encode dependencies: %w", err)
		}
		h.deps = string(deps)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE hooks SET name = ?, script = ?, enabled = ?, dependencies = ? WHERE id = ?",
		h.Name, h.Script, h.Enabled, h.deps, h.ID); err != nil {
		return 0, nil, nil, fmt.Errorf("update hook %s: %w", id, err)
	}
	return http.StatusOK, appendHookJSON(nil, &h, false, nil, true), nil, nil
}

// deleteHook answers DELETE /api/v2/hooks/{id}; its secrets go with it (ON DELETE CASCADE).
func (t *Tenant) deleteHook(ctx context.Context, tx *sql.Tx, r *http.Request, _ []byte) (int, []byte, *apiError, error) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr, nil
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM hooks WHERE id = ?", id)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("delete hook %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, nil, nil, fmt.Errorf("delete hook %s: %w", id, err)
	}
	if n == 0 {
		return 0, nil, errHookNotFound(), nil
	}
	return http.StatusNoContent, nil, nil, nil
}

type listQuery struct {
	page, perPage       int
	paged, totals       bool
	enabled, hasEnabled bool
	trigger             string
	fields              map[string]bool
	include             bool
}

// listFromSnapshot answers GET /api/v2/hooks from the in-memory hooks.
func listFromSnapshot(s *hookSnapshot, q listQuery) []byte {
	matches := s.list
	if q.hasEnabled || q.trigger != "" {
		matches = make([]*cachedHook, 0, len(s.list))
		for _, ch := range s.list {
			if (q.hasEnabled && ch.h.Enabled != q.enabled) || (q.trigger != "" && ch.h.TriggerID != q.trigger) {
				continue
			}
			matches = append(matches, ch)
		}
	}
	total := len(matches)
	page := matches
	if q.paged {
		start := min(q.page*q.perPage, total)
		end := min(start+q.perPage, total)
		page = matches[start:end]
	}
	size := 64
	for _, ch := range page {
		size += len(ch.get) + 1
	}
	b := make([]byte, 0, size)
	if q.totals {
		b = fmt.Appendf(b, `{"total":%d,"start":%d,"limit":%d,"hooks":[`, total, q.page*q.perPage, q.perPage)
	} else {
		b = append(b, '[')
	}
	for i, ch := range page {
		if i > 0 {
			b = append(b, ',')
		}
		if q.fields == nil {
			b = append(b, ch.get...)
		} else {
			b = appendHookJSON(b, &ch.h, true, q.fields, q.include)
		}
	}
	b = append(b, ']')
	if q.totals {
		b = append(b, '}')
	}
	return b
}
