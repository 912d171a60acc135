package tenant

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"

	"github.com/hookterm/hookterm/internal/names"
)

func hookExists(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM hooks WHERE id = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("look up hook %s: %w", id, err)
	}
	return n > 0, nil
}

func secretNames(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, value FROM secrets WHERE hook_id = ? ORDER BY name", id)
	if err != nil {
		return nil, fmt.Errorf("read secrets of %s: %w", id, err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read secrets of %s: %w", id, err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read secrets of %s: %w", id, err)
	}
	return m, nil
}

// getSecrets answers GET /api/v2/hooks/{id}/secrets: names only, every value hidden.
func (t *Tenant) getSecrets(ctx context.Context, _ http.ResponseWriter, r *http.Request) (int, []byte, *apiError) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr
	}
	ok, err := hookExists(ctx, t.db, id)
	if err != nil {
		return 0, nil, t.internal(err)
	}
	if !ok {
		return 0, nil, errHookNotFound()
	}
	m, err := secretNames(ctx, t.db, id)
	if err != nil {
		return 0, nil, t.internal(err)
	}
	for k := range m {
		m[k] = HiddenSecret
	}
	b, err := json.Marshal(m)
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("encode secrets: %w", err))
	}
	return http.StatusOK, b, nil
}

// validateSecrets checks a POST/PATCH body: an object of 1 to 20 name → value pairs.
func validateSecrets(body []byte) (map[string]string, *apiError) {
	m, aerr := decodeObject(body)
	if aerr != nil {
		return nil, aerr
	}
	if len(m) == 0 {
		return nil, errInvalidBody("'Too few properties defined (0), minimum 1'.")
	}
	if len(m) > MaxSecrets {
		return nil, errInvalidBody(fmt.Sprintf("'Too many properties defined (%d), maximum %d'.", len(m), MaxSecrets))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]string, len(m))
	var reasons []string
	for _, k := range keys {
		if !names.ValidSecretName(k) {
			reasons = append(reasons, fmt.Sprintf("'Secret name does not match pattern ^[A-Za-z0-9_-]{1,128}$: %s'.", k))
			continue
		}
		var v any
		_ = json.Unmarshal(m[k], &v)
		s, ok := v.(string)
		switch {
		case !ok:
			reasons = append(reasons, fmt.Sprintf("'Expected type string but found type %s' on property %s.", jsonType(v), k))
		case len(s) == 0:
			reasons = append(reasons, fmt.Sprintf("'String is too short (0 chars), minimum 1' on property %s.", k))
		case len(s) > MaxSecretValue:
			reasons = append(reasons, fmt.Sprintf("'String is too long (%d bytes), maximum %d bytes' on property %s.", len(s), MaxSecretValue, k))
		default:
			out[k] = s
		}
	}
	if len(reasons) > 0 {
		return nil, errInvalidBody(reasons...)
	}
	return out, nil
}

// addSecrets answers POST /api/v2/hooks/{id}/secrets: new names only, 201 {}.
func (t *Tenant) addSecrets(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr, nil
	}
	in, aerr := validateSecrets(body)
	if aerr != nil {
		return 0, nil, aerr, nil
	}
	ok, err := hookExists(ctx, tx, id)
	if err != nil || !ok {
		return 0, nil, notFoundUnless(ok), err
	}
	have, err := secretNames(ctx, tx, id)
	if err != nil {
		return 0, nil, nil, err
	}
	for k := range in {
		if _, dup := have[k]; dup {
			return 0, nil, errf(http.StatusConflict, "secret_conflict", "Secret with the same name already exists."), nil
		}
	}
	if n := len(have) + len(in); n > MaxSecrets {
		return 0, nil, errInvalidBody(fmt.Sprintf("'A hook can have at most %d secrets; this would make %d'.", MaxSecrets, n)), nil
	}
	for k, v := range in {
		if _, err := tx.ExecContext(ctx, "INSERT INTO secrets(hook_id, name, value) VALUES(?, ?, ?)", id, k, v); err != nil {
			return 0, nil, nil, fmt.Errorf("add secret to %s: %w", id, err)
		}
	}
	return http.StatusCreated, []byte("{}"), nil, nil
}

func notFoundUnless(ok bool) *apiError {
	if ok {
		return nil
	}
	return errHookNotFound()
}

// updateSecrets answers PATCH /api/v2/hooks/{id}/secrets: existing names only, 201 {} as
// recorded. A value equal to _VALUE_NOT_SHOWN_ leaves the secret unchanged, as the Deploy CLI
// expects when it sends back what a read returned.
func (t *Tenant) updateSecrets(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr, nil
	}
	in, aerr := validateSecrets(body)
	if aerr != nil {
		return 0, nil, aerr, nil
	}
	ok, err := hookExists(ctx, tx, id)
	if err != nil || !ok {
		return 0, nil, notFoundUnless(ok), err
	}
	have, err := secretNames(ctx, tx, id)
	if err != nil {
		return 0, nil, nil, err
	}
	for k := range in {
		if _, found := have[k]; !found {
			return 0, nil, errf(http.StatusNotFound, "HookSecretDoesNotExist", "Hook or secret not found."), nil
		}
	}
	for k, v := range in {
		if v == HiddenSecret {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE secrets SET value = ? WHERE hook_id = ? AND name = ?", v, id, k); err != nil {
			return 0, nil, nil, fmt.Errorf("update secret of %s: %w", id, err)
		}
	}
	return http.StatusCreated, []byte("{}"), nil, nil
}

// deleteSecrets answers DELETE /api/v2/hooks/{id}/secrets with a JSON array of names; names
// the hook does not have are ignored.
func (t *Tenant) deleteSecrets(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr, nil
	}
	var raw any
	if err := json.Unmarshal(body, &raw); err != nil {
		return 0, nil, errf(http.StatusBadRequest, "invalid_body", "Invalid request payload JSON format"), nil
	}
	arr, ok := raw.([]any)
	if !ok {
		return 0, nil, errInvalidBody(fmt.Sprintf("'Expected type array but found type %s'.", jsonType(raw))), nil
	}
	if len(arr) == 0 {
		return 0, nil, errInvalidBody("'Array is too short (0), minimum 1'."), nil
	}
	doomed := make([]string, 0, len(arr))
	for _, v := range arr {
		s, ok := v.(string)
		if !ok {
			return 0, nil, errInvalidBody(fmt.Sprintf("'Expected type string but found type %s'.", jsonType(v))), nil
		}
		doomed = append(doomed, s)
	}
	exists, err := hookExists(ctx, tx, id)
	if err != nil || !exists {
		return 0, nil, notFoundUnless(exists), err
	}
	for _, n := range doomed {
		if _, err := tx.ExecContext(ctx, "DELETE FROM secrets WHERE hook_id = ? AND name = ?", id, n); err != nil {
			return 0, nil, nil, fmt.Errorf("delete secret of %s: %w", id, err)
		}
	}
	return http.StatusNoContent, nil, nil, nil
}
