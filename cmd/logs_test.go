package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
)

func logsTestEntry() api.LogEntry {
	raw := `{"log_id":"90020261207101500000000000000000000000000000000000000003","date":"2026-12-07T10:15:04.500Z","type":"fs","description":"Signups from example.org are closed","client_name":"My App","user_name":"eve@example.org","connection":"Username-Password-Authentication","details":{"error":{"message":"x"}},"isMobile":false}`
	var e api.LogEntry
	_ = json.Unmarshal([]byte(raw), &e)
	e.Raw = json.RawMessage(raw)
	return e
}

func TestFormatLogLine(t *testing.T) {
	e := logsTestEntry()
	plain := formatLogLine(&e, false, time.UTC)
	want := "2026-12-07 10:15:04.500  fs     Failed Signup  Signups from example.org are closed  client=My App  user=eve@example.org  connection=Username-Password-Authentication"
	if plain != want {
		t.Fatalf("line\n got %q\nwant %q", plain, want)
	}
	coloured := formatLogLine(&e, true, time.UTC)
	if !strings.Contains(coloured, ansiRed+"fs     Failed Signup"+ansiReset) {
		t.Fatalf("failure not red: %q", coloured)
	}
	ok := api.LogEntry{Type: "sapi", Date: e.Date}
	if !strings.Contains(formatLogLine(&ok, true, time.UTC), ansiGreen+"sapi") {
		t.Fatal("success not green")
	}
}

func TestNDJSONRoundTrip(t *testing.T) {
	var out bytes.Buffer
	p := &logsPrinter{w: &out, json: true, loc: time.UTC}
	e := logsTestEntry()
	local := api.LogEntry{LogID: "local-run-1", Type: "shr", Date: e.Date, Details: map[string]any{"hook_name": "h"}}
	for _, x := range []*api.LogEntry{&e, &local} {
		if err := p.print(x); err != nil {
			t.Fatal(err)
		}
	}
	sc := bufio.NewScanner(&out)
	var got []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		got = append(got, m)
	}
	if len(got) != 2 || got[0]["log_id"] != e.LogID || got[0]["isMobile"] != false || got[1]["type"] != "shr" {
		t.Fatalf("parsed back %v", got)
	}
}

func TestLogsFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"logs", "tail", "-n", "5000"},
		{"logs", "list", "--since", "-5m"},
		{"logs", "tail", "--filter", "client:a", "--filter", "client:b"},
		{"logs", "tail", "--interval", "2h"},
		{"logs", "get"},
	} {
		res := runCLI(t, nil, "", args...)
		if res.Code != ExitUsage {
			t.Errorf("%v: code %d (stderr %q), want %d", args, res.Code, res.Stderr, ExitUsage)
		}
	}
}

func TestMergeRunSecrets(t *testing.T) {
	got, missing := mergeRunSecrets([]string{"API_KEY", "DOMAIN", "TOKEN"},
		map[string]string{"API_KEY": "stored", "DOMAIN": "stored.example"},
		map[string]string{"DOMAIN": "mine.example", "EXTRA": "x"})
	if got["API_KEY"] != "stored" || got["DOMAIN"] != "mine.example" || got["EXTRA"] != "x" {
		t.Fatalf("merged %v: supplied values must win, stored ones fill in", len(got))
	}
	if len(missing) != 1 || missing[0] != "TOKEN" {
		t.Fatalf("missing %v, want [TOKEN]", missing)
	}
}
