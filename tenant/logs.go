package tenant

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// logEntry is one tenant log event in the Management API's log shape (contract §4.2).
type logEntry struct {
	ID           string         `json:"_id"`
	LogID        string         `json:"log_id"`
	Date         string         `json:"date"`
	Type         string         `json:"type"`
	Description  string         `json:"description"`
	Connection   string         `json:"connection"`
	ConnectionID string         `json:"connection_id"`
	ClientID     string         `json:"client_id"`
	ClientName   string         `json:"client_name"`
	IP           string         `json:"ip"`
	Hostname     string         `json:"hostname"`
	UserID       string         `json:"user_id"`
	UserName     string         `json:"user_name"`
	UserAgent    string         `json:"user_agent"`
	Audience     string         `json:"audience,omitempty"`
	Scope        string         `json:"scope,omitempty"`
	Strategy     string         `json:"strategy"`
	StrategyType string         `json:"strategy_type"`
	Details      map[string]any `json:"details"`
	IsMobile     bool           `json:"isMobile"`
	LocationInfo map[string]any `json:"location_info"`

	hookID string // indexed for hookterm's per-hook filters, not part of Auth0's shape
}

const logDateFormat = "2006-01-02T15:04:05.000Z"

// appendLog writes e inside tx with the next log_id. Log ids are 56 digits, "900" + the UTC
// time to the microsecond + the row's sequence number, so they ascend across processes: the
// write transaction serialises writers, the sequence is the table's, and the time never goes
// below the previous entry's (a clock stepping back cannot reorder ids).
func (t *Tenant) appendLog(ctx context.Context, tx *sql.Tx, e *logEntry) error {
	now := t.now().UTC()
	var last string
	var lastSeq int64
	err := tx.QueryRowContext(ctx, "SELECT seq, log_id FROM logs ORDER BY seq DESC LIMIT 1").Scan(&lastSeq, &last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read last log id: %w", err)
	}
	if len(last) == 56 {
		if lt, err := time.Parse("20060102150405.000000", last[3:17]+"."+last[17:23]); err == nil && lt.After(now) {
			now = lt
		}
	}
	seq := lastSeq + 1
	// AUTOINCREMENT never reuses numbers, but sqlite_sequence may be ahead of max(seq) when the
	// newest rows were deleted; use the real next value.
	var next sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = 'logs'").Scan(&next); err == nil && next.Valid && next.Int64+1 > seq {
		seq = next.Int64 + 1
	}
	e.LogID = fmt.Sprintf("900%s%06d%033d", now.Format("20060102150405"), now.Nanosecond()/1000, seq)
	e.ID = e.LogID
	e.Date = now.Format(logDateFormat)
	if e.Details == nil {
		e.Details = map[string]any{}
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode log entry: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO logs(seq, log_id, date, type, description, client_id, client_name, user_id,
		user_name, connection, ip, user_agent, hook_id, entry) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, e.LogID, e.Date, e.Type, e.Description, e.ClientID, e.ClientName, e.UserID, e.UserName, e.Connection,
		e.IP, e.UserAgent, e.hookID, string(body))
	if err != nil {
		return fmt.Errorf("insert log entry: %w", err)
	}
	// Retention: like Auth0, the tenant keeps a bounded history. Trimming on every 100th
	// entry keeps the cost off the other writes.
	if keep := int64(t.opts.MaxLogEntries); seq%100 == 0 && seq > keep {
		if _, err := tx.ExecContext(ctx, "DELETE FROM logs WHERE seq <= ?", seq-keep); err != nil {
			return fmt.Errorf("trim the log: %w", err)
		}
	}
	return nil
}

// getLog answers GET /api/v2/logs/{id}.
func (t *Tenant) getLog(ctx context.Context, r *http.Request) (int, []byte, *apiError) {
	id := r.PathValue("id")
	var entry string
	err := t.db.QueryRowContext(ctx, "SELECT entry FROM logs WHERE log_id = ?", id).Scan(&entry)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, errLogNotFound()
	}
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("read log %s: %w", id, err))
	}
	return http.StatusOK, []byte(entry), nil
}

// listLogs answers GET /api/v2/logs in checkpoint mode (from/take) or search mode.
func (t *Tenant) listLogs(ctx context.Context, w http.ResponseWriter, r *http.Request) (int, []byte, *apiError) {
	q := r.URL.Query()
	if q.Has("from") || q.Has("take") {
		return t.checkpointLogs(ctx, r, w)
	}
	return t.searchLogs(ctx, r)
}

// checkpointLogs: entries after `from` in log_id order, at most `take`, and a Link to the next
// page. Without `from` the page is the newest `take` entries, so a tailer can start at "now".
// Every other parameter is ignored, as on Auth0.
func (t *Tenant) checkpointLogs(ctx context.Context, r *http.Request, w http.ResponseWriter) (int, []byte, *apiError) {
	q := r.URL.Query()
	take, _, aerr := queryInt(r, "take", "Number of entries to retrieve when using the from parameter.", 1, 100, 50)
	if aerr != nil {
		return 0, nil, aerr
	}
	from := q.Get("from")
	var rows *sql.Rows
	var err error
	if from != "" {
		rows, err = t.db.QueryContext(ctx, "SELECT log_id, entry FROM logs WHERE log_id > ? ORDER BY log_id LIMIT ?", from, take)
	} else {
		rows, err = t.db.QueryContext(ctx, "SELECT log_id, entry FROM (SELECT log_id, entry FROM logs ORDER BY log_id DESC LIMIT ?) ORDER BY log_id", take)
	}
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("read logs: %w", err))
	}
	defer rows.Close()
	b := []byte{'['}
	lastID := from
	n := 0
	for rows.Next() {
		var id, entry string
		if err := rows.Scan(&id, &entry); err != nil {
			return 0, nil, t.internal(fmt.Errorf("read logs: %w", err))
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, entry...)
		lastID = id
	}
	if err := rows.Err(); err != nil {
		return 0, nil, t.internal(fmt.Errorf("read logs: %w", err))
	}
	b = append(b, ']')
	next := url.Values{}
	if lastID != "" {
		next.Set("from", lastID)
	}
	next.Set("take", strconv.Itoa(take))
	w.Header().Set("Link", fmt.Sprintf("<%s/api/v2/logs?%s>; rel=\"next\"", baseURL(r), next.Encode()))
	return http.StatusOK, b, nil
}

// sortColumn maps a sort field Auth0 documents to the column the local tenant keeps it in.
func sortColumn(field string) (string, bool) {
	switch field {
	case "date", "log_id":
		return "seq", true // the same order, and the primary key
	case "type", "description", "client_id", "client_name", "user_id", "user_name", "connection", "ip", "user_agent":
		return field, true
	}
	return "", false
}

// searchLogs: q (see query.go), sort, page/per_page over the first 1,000 results.
func (t *Tenant) searchLogs(ctx context.Context, r *http.Request) (int, []byte, *apiError) {
	q := r.URL.Query()
	page, _, aerr := queryInt(r, "page", "Page index of the results to return. First page is 0.", 0, -1, 0)
	if aerr != nil {
		return 0, nil, aerr
	}
	perPage, _, aerr := queryInt(r, "per_page", "Number of results per page. Paging is disabled if parameter not sent. Default: 50. Max value: 100", 0, 100, 50)
	if aerr != nil {
		return 0, nil, aerr
	}
	if (page+1)*perPage > 1000 && perPage > 0 {
		return 0, nil, errInvalidQuery("'You can only page through the first 1000 records. Use the checkpoint parameters (from, take) to read further.'")
	}
	totals, _, aerr := queryBool(r, "include_totals", "Return results inside an object that contains the total result count (true) or as a direct array of results (false, default). Deprecated")
	if aerr != nil {
		return 0, nil, aerr
	}
	order := "seq DESC"
	if s := q.Get("sort"); s != "" {
		field, dir, ok := strings.Cut(s, ":")
		col, known := sortColumn(field)
		if !ok || !known || (dir != "1" && dir != "-1") {
			return 0, nil, errInvalidQuery(fmt.Sprintf("'String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: %s' on property sort (Field to use for sorting appended with :1 for ascending and :-1 for descending. e.g. date:-1).", s))
		}
		d := "ASC"
		if dir == "-1" {
			d = "DESC"
		}
		order = col + " " + d
		if col != "seq" {
			order += ", seq " + d
		}
	}
	cond, args, err := compileLogQuery(q.Get("q"))
	if err != nil {
		return 0, nil, errf(http.StatusBadRequest, "invalid_query", "Invalid query: %v", err)
	}
	where := ""
	if cond != "" {
		where = " WHERE " + cond
	}
	fields, include, aerr := logFields(r)
	if aerr != nil {
		return 0, nil, aerr
	}
	rows, err := t.db.QueryContext(ctx, "SELECT entry FROM logs"+where+" ORDER BY "+order+" LIMIT ? OFFSET ?",
		append(args, perPage, page*perPage)...)
	if err != nil {
		return 0, nil, t.internal(fmt.Errorf("search logs: %w", err))
	}
	defer rows.Close()
	var entries [][]byte
	for rows.Next() {
		var entry string
		if err := rows.Scan(&entry); err != nil {
			return 0, nil, t.internal(fmt.Errorf("search logs: %w", err))
		}
		e := []byte(entry)
		if fields != nil {
			if e, err = projectEntry(e, fields, include); err != nil {
				return 0, nil, t.internal(err)
			}
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, t.internal(fmt.Errorf("search logs: %w", err))
	}
	b := []byte{}
	if totals {
		var total int
		if err := t.db.QueryRowContext(ctx, "SELECT count(*) FROM logs"+where, args...).Scan(&total); err != nil {
			return 0, nil, t.internal(fmt.Errorf("count logs: %w", err))
		}
		b = fmt.Appendf(b, `{"start":%d,"limit":%d,"length":%d,"total":%d,"logs":`, page*perPage, perPage, len(entries), total)
	}
	b = append(b, '[')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	b = append(b, ']')
	if totals {
		b = append(b, '}')
	}
	return http.StatusOK, b, nil
}

func logFields(r *http.Request) (map[string]bool, bool, *apiError) {
	q := r.URL.Query()
	include := true
	if v := q.Get("include_fields"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, false, errInvalidQuery("'Expected type boolean but found type string' on property include_fields (true if the fields specified are to be included in the result, false otherwise. Defaults to true).")
		}
		include = b
	}
	v := q.Get("fields")
	if v == "" {
		return nil, include, nil
	}
	m := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		m[strings.TrimSpace(f)] = true
	}
	return m, include, nil
}

func projectEntry(entry []byte, fields map[string]bool, include bool) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(entry, &m); err != nil {
		return nil, fmt.Errorf("decode stored log entry: %w", err)
	}
	for k := range m {
		if fields[k] != include {
			delete(m, k)
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode log entry: %w", err)
	}
	return b, nil
}
