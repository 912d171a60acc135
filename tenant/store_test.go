package tenant

import (
	"bytes"
	"context"
	"log"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestInternalErrorsHideTheirCause(t *testing.T) {
	var errs bytes.Buffer
	tn, err := Open(context.Background(), filepath.Join(t.TempDir(), "d"), Options{ErrorLog: log.New(&errs, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	tn.cache.close()
	tn.cache = &hookCache{}
	if err := tn.db.Close(); err != nil { // every query now fails
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"GET", "/api/v2/logs"}, {"GET", "/api/v2/hooks"}, {"POST", "/api/v2/hooks"}} {
		body := ""
		if c[0] == "POST" {
			body = `{"name":"n","script":"s","triggerId":"send-phone-message"}`
		}
		code, resp := l.do(c[0], c[1], body)
		if code != 500 || resp != `{"statusCode":500,"error":"Internal Server Error","message":"Internal error","errorCode":"internal_error"}` {
			t.Fatalf("%s %s: %d %s", c[0], c[1], code, resp)
		}
	}
	if !strings.Contains(errs.String(), "database is closed") {
		t.Fatalf("the cause was not reported to ErrorLog: %q", errs.String())
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tn.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	if err := tn.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "schema version 99 is newer") {
		t.Fatalf("Open on a newer schema: %v", err)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, secret := tn.Credentials()
	kid := tn.kid
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Created() {
		t.Fatal("Created() on a reopen")
	}
	if aid, asecret := again.Credentials(); aid != id || asecret != secret || again.kid != kid {
		t.Fatal("credentials or signing key changed on reopen")
	}
	// A token issued before the restart still works: the key is stored, not regenerated.
	l.tn = again
	if code, body := l.do("GET", "/api/v2/hooks?fields=id", ""); code != 200 || strings.Count(body, `"id"`) != 5 {
		t.Fatalf("old token after reopen: %d %s", code, body)
	}
	var version int
	if err := again.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != len(schemaMigrations()) {
		t.Fatalf("schema version %d %v", version, err)
	}
	var mode string
	if err := again.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode %q %v", mode, err)
	}
}

// TestOpenWhileAnotherWrites: opening an existing tenant only reads, so it succeeds while
// another connection holds the write lock (a busy `serve`), instead of waiting it out.
func TestOpenWhileAnotherWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tn.Close()
	tx, err := tn.db.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := Open(context.Background(), dir, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open while another connection writes: %v", err)
	}
	defer other.Close()
	if id, _ := other.Credentials(); id == "" {
		t.Fatal("no credentials")
	}
}
