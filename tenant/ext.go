package tenant

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
)

// ext wraps a hookterm extension endpoint (same bearer auth and rate limit as the API).
func (t *Tenant) ext(scope string, fn func(ctx context.Context, r *http.Request, p *principal, body []byte) (int, []byte, *apiError)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, aerr := t.gate(w, r, scope)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		body, aerr := readBody(w, r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		status, resp, aerr := fn(r.Context(), r, p, body)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeJSON(w, status, resp)
	})
}

// runReport is the part of runner.Report the log entry keeps. The tenant does not import the
// runner (ARCHITECTURE.md: tenant sits below it); the JSON names are the runner's.
type runReport struct {
	Trigger    string           `json:"trigger"`
	OK         *bool            `json:"ok"`
	Error      *json.RawMessage `json:"error"`
	Logs       json.RawMessage  `json:"logs"`
	DurationMs float64          `json:"durationMs"`
}

// recordRun answers POST /hookterm/v1/hooks/{id}/runs: it appends the `shr` (success hook run)
// or `fhr` (failed hook run) entry of a local run of a stored hook, and answers 201 with it.
func (t *Tenant) recordRun(ctx context.Context, r *http.Request, p *principal, body []byte) (int, []byte, *apiError) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr
	}
	var in struct {
		Report *runReport `json:"report"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&in); err != nil {
		return 0, nil, errf(http.StatusBadRequest, "invalid_body", "Invalid request payload JSON format")
	}
	if in.Report == nil || in.Report.OK == nil {
		return 0, nil, errInvalidBody("'Missing required property: report' (a runner report with at least \"ok\").")
	}
	rep := in.Report
	var entry *logEntry
	err := t.inTx(ctx, func(tx *sql.Tx) error {
		h, ok, err := getHookTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return errNoHook
		}
		trig := rep.Trigger
		if trig == "" {
			trig = h.TriggerID
		}
		var errVal, logs any = nil, []any{}
		if rep.Error != nil {
			if err := json.Unmarshal(*rep.Error, &errVal); err != nil {
				return fmt.Errorf("decode the report's error: %w", err)
			}
		}
		if len(rep.Logs) > 0 {
			if err := json.Unmarshal(rep.Logs, &logs); err != nil {
				return fmt.Errorf("decode the report's logs: %w", err)
			}
		}
		errVal, logs = clip(errVal, maxRunLogString), clip(logs, maxRunLogString)
		entry = &logEntry{Type: "shr", Description: fmt.Sprintf("Success Hook Run: %s", h.Name),
			ClientID: p.ClientID, ClientName: ClientName, IP: remoteHost(r), Hostname: r.Host, UserAgent: r.UserAgent(),
			hookID: h.ID, Details: map[string]any{
				"hook_id": h.ID, "hook_name": h.Name, "trigger": trig, "duration_ms": rep.DurationMs,
				"logs": logs, "error": errVal,
			}}
		if !*rep.OK {
			entry.Type = "fhr"
			entry.Description = fmt.Sprintf("Failed Hook Run: %s", h.Name)
			var se struct{ Name, Message string }
			if rep.Error != nil && json.Unmarshal(*rep.Error, &se) == nil && se.Message != "" {
				entry.Description += ": " + se.Message
				if se.Name != "" {
					entry.Description = fmt.Sprintf("Failed Hook Run: %s: %s: %s", h.Name, se.Name, se.Message)
				}
			}
		}
		return t.appendLog(ctx, tx, entry)
	})
	if errors.Is(err, errNoHook) {
		return 0, nil, errHookNotFound()
	}
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("record run of %s: %w", id, err))
	}
	b, err := json.Marshal(entry)
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("encode run entry: %w", err))
	}
	return http.StatusCreated, b, nil
}

var errNoHook = errors.New("no such hook")

// secretValues answers GET /hookterm/v1/hooks/{id}/secrets with the values in clear, for local
// runs of a stored hook. Each read is logged as `mgmt_api_read` (Auth0's type for an API read
// that returns secrets), naming the secrets but never their values.
func (t *Tenant) secretValues(ctx context.Context, r *http.Request, p *principal, _ []byte) (int, []byte, *apiError) {
	id := r.PathValue("id")
	if aerr := checkID(id); aerr != nil {
		return 0, nil, aerr
	}
	var vals map[string]string
	err := t.inTx(ctx, func(tx *sql.Tx) error {
		ok, err := hookExists(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return errNoHook
		}
		if vals, err = secretNames(ctx, tx, id); err != nil {
			return err
		}
		names := make([]string, 0, len(vals))
		for k := range vals {
			names = append(names, k)
		}
		sort.Strings(names)
		return t.appendLog(ctx, tx, &logEntry{Type: "mgmt_api_read", Description: "Read Hook Secret Values",
			ClientID: p.ClientID, ClientName: ClientName, IP: remoteHost(r), Hostname: r.Host, UserAgent: r.UserAgent(),
			hookID: id, Details: map[string]any{"hook_id": id, "secrets": names}})
	})
	if errors.Is(err, errNoHook) {
		return 0, nil, errHookNotFound()
	}
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("read secret values of %s: %w", id, err))
	}
	b, err := json.Marshal(vals)
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("encode secret values: %w", err))
	}
	return http.StatusOK, b, nil
}
