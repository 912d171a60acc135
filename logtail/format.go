package logtail

import (
	"fmt"
	"strings"

	"github.com/hookterm/hookterm/api"

	"github.com/hookterm/hookterm/internal/termtext"
)

// Line is what one readable log line shows, before colouring. `logs tail` and the TUI's log
// pane render the same fields, so an event reads the same in both.
type Line struct {
	Code        string
	Name        string // the type's human name; the code itself when unknown
	Description string
	Client      string
	User        string
	Connection  string
	Severity    api.LogSeverity
}

// Describe picks the fields of e worth a line. Entries whose description is empty get one
// from their details: a hook run's hook and error, a Management API call's method and path.
func Describe(e *api.LogEntry) Line {
	l := Line{
		Code:        printable(e.Type),
		Name:        api.LogTypeName(e.Type),
		Description: printable(oneLine(e.Description)),
		Client:      printable(firstNonEmpty(e.ClientName, e.ClientID)),
		User:        printable(firstNonEmpty(e.UserName, e.UserID)),
		Connection:  printable(e.Connection),
		Severity:    api.Severity(e.Type),
	}
	if l.Name == "" {
		l.Name = l.Code
	}
	if l.Description == "" {
		l.Description = printable(detailsSummary(e))
	}
	return l
}

// printable keeps text others control (a signup's user name, a hook's error message) from
// acting on the user's terminal.
func printable(s string) string { return termtext.Printable(s, false) }

func detailsSummary(e *api.LogEntry) string {
	if name := HookName(e); name != "" {
		s := "hook " + name
		if d, ok := e.Details["duration_ms"].(float64); ok {
			s += fmt.Sprintf(" in %s ms", trimFloat(d))
		}
		if errMap, ok := e.Details["error"].(map[string]any); ok {
			if msg, _ := errMap["message"].(string); msg != "" {
				s += ": " + oneLine(msg)
			}
		}
		return s
	}
	if p := RequestPath(e); p != "" {
		req, _ := e.Details["request"].(map[string]any)
		method, _ := req["method"].(string)
		return strings.TrimSpace(strings.ToUpper(method) + " " + p)
	}
	return ""
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

// oneLine keeps a description on one terminal line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
