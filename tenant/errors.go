package tenant

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an error answered in the Management API's body shape:
// {"statusCode","error","message","errorCode"} (contract §3.4, decisions.md "Error bodies").
type apiError struct {
	Status  int
	Message string
	Code    string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func (e *apiError) body() []byte {
	b, err := json.Marshal(struct {
		StatusCode int    `json:"statusCode"`
		Error      string `json:"error"`
		Message    string `json:"message"`
		ErrorCode  string `json:"errorCode,omitempty"`
	}{e.Status, http.StatusText(e.Status), e.Message, e.Code})
	if err != nil {
		// Marshalling three strings and an int cannot fail; keep a valid body regardless.
		return []byte(`{"statusCode":500,"error":"Internal Server Error","message":"error body"}`)
	}
	return b
}

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// errHookNotFound is the recorded 404 (REC-go Delete), "Error: " prefix included.
func errHookNotFound() *apiError {
	return errf(http.StatusNotFound, "HookDoesNotExist", "Error: Hook does not exist")
}

func errLogNotFound() *apiError { return errf(http.StatusNotFound, "inexistent_log", "Log not found") }

func errInvalidBody(reasons ...string) *apiError {
	msg := "Payload validation error: "
	for i, r := range reasons {
		if i > 0 {
			msg += " (also) "
		}
		msg += r
	}
	return errf(http.StatusBadRequest, "invalid_body", "%s", msg)
}

func errInvalidQuery(reason string) *apiError {
	return errf(http.StatusBadRequest, "invalid_query_string", "Query validation error: %s", reason)
}

func errInvalidURI(reason string) *apiError {
	return errf(http.StatusBadRequest, "invalid_uri", "Path validation error: %s", reason)
}

// errInternal hides the cause from the client (it may name files or SQL); the handler reports
// the cause through Options.ErrorLog.
func errInternal() *apiError {
	return &apiError{Status: http.StatusInternalServerError, Code: "internal_error", Message: "Internal error"}
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{"application/json; charset=utf-8"}
	if body != nil {
		h["Content-Length"] = []string{strconv.Itoa(len(body))}
	}
	w.WriteHeader(status)
	if body != nil {
		_, _ = w.Write(body)
	}
}

func writeError(w http.ResponseWriter, e *apiError) { writeJSON(w, e.Status, e.body()) }
