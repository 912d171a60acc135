package tenant

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// tenantTestStartChild runs this test binary as another process on dir.
func tenantTestStartChild(t *testing.T, role, dir, arg string) (*exec.Cmd, *bufio.Scanner, io.WriteCloser) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "TENANT_TEST_CHILD="+role, "TENANT_TEST_DIR="+dir, "TENANT_TEST_ARG="+arg)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd, bufio.NewScanner(stdout), stdin
}

func tenantTestIntegrity(t *testing.T, tn *Tenant) {
	t.Helper()
	var res string
	if err := tn.db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}

func tenantTestNames(t *testing.T, tn *Tenant) map[string]string {
	t.Helper()
	rows, err := tn.db.Query("SELECT name, script FROM hooks")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			t.Fatal(err)
		}
		m[n] = s
	}
	return m
}

// TestTwoProcessesWriteOneFolder starts a second process on a new folder while this one opens
// it too; both create hooks at once. Exactly one tenant is created, every write lands, and the
// log ids stay unique and ascending across the two writers.
func TestTwoProcessesWriteOneFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	const n = 40
	cmd, out, _ := tenantTestStartChild(t, "writer", dir, fmt.Sprint(n))
	tn, err := Open(context.Background(), dir, Options{RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer tn.Close()
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			if err := l.create(fmt.Sprintf("parent-%d", i)); err != nil {
				errs <- err
			}
		}
	}()
	var lines []string
	for out.Scan() {
		lines = append(lines, out.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v (%v)", err, lines)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	id, _ := tn.Credentials()
	if len(lines) != 2 || lines[0] != "client "+id || lines[1] != "done" {
		t.Fatalf("child saw another tenant or failed: %v (ours %s)", lines, id)
	}
	names := tenantTestNames(t, tn)
	if len(names) != 5+2*n {
		t.Fatalf("%d hooks, want %d", len(names), 5+2*n)
	}
	for i := 0; i < n; i++ {
		if _, ok := names[fmt.Sprintf("child-%d", i)]; !ok {
			t.Fatalf("child-%d missing", i)
		}
		if _, ok := names[fmt.Sprintf("parent-%d", i)]; !ok {
			t.Fatalf("parent-%d missing", i)
		}
	}
	rows, err := tn.db.Query("SELECT log_id FROM logs ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s)
	}
	if len(ids) != 2*n+2 || !sort.StringsAreSorted(ids) {
		t.Fatalf("%d log ids (want %d), ascending: %v", len(ids), 2*n+2, sort.StringsAreSorted(ids))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("duplicate log id %s", ids[i])
		}
	}
	tenantTestIntegrity(t, tn)
}

// TestKilledInsideTransaction kills a writer holding an open write transaction: its change is
// gone, what it committed before is intact, the file is sound and writable.
func TestKilledInsideTransaction(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "killed")
	cmd, out, _ := tenantTestStartChild(t, "hold", dir, "")
	for out.Scan() && out.Text() != "holding" {
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer tn.Close()
	tenantTestIntegrity(t, tn)
	names := tenantTestNames(t, tn)
	if _, ok := names["uncommitted"]; ok {
		t.Fatal("the killed transaction's insert survived")
	}
	if s, ok := names["before-hold"]; !ok || !strings.Contains(s, "module.exports") {
		t.Fatalf("committed hook lost or clobbered: %q %v", s, ok)
	}
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.create("after-kill"); err != nil {
		t.Fatalf("write after reopen: %v", err)
	}
}

// TestKilledWhileWriting kills a process that writes as fast as it can: every write it
// reported committed is there afterwards.
func TestKilledWhileWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "loop")
	cmd, out, _ := tenantTestStartChild(t, "loop", dir, "")
	var committed []string
	for out.Scan() {
		if name, ok := strings.CutPrefix(out.Text(), "committed "); ok {
			committed = append(committed, name)
			if len(committed) == 30 {
				break
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(committed) != 30 {
		t.Fatalf("child committed only %v", committed)
	}
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer tn.Close()
	tenantTestIntegrity(t, tn)
	names := tenantTestNames(t, tn)
	for _, n := range committed {
		if _, ok := names[n]; !ok {
			t.Fatalf("committed hook %s lost", n)
		}
	}
	var sapi int
	if err := tn.db.QueryRow("SELECT count(*) FROM logs WHERE type = 'sapi'").Scan(&sapi); err != nil || sapi < len(committed) || sapi != len(names)-5 {
		t.Fatalf("%d sapi entries for %d hooks (%v): a hook and its log entry commit together", sapi, len(names)-5, err)
	}
}

// TestCacheSeesOtherProcessWrites: a long-running process that has served (and cached) a hook
// answers with another process's change right after that process commits it.
func TestCacheSeesOtherProcessWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	tn, err := Open(context.Background(), dir, Options{RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer tn.Close()
	if tn.cache.mem == nil {
		t.Fatal("the hook cache is off on this platform")
	}
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.create("watched"); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := tn.db.QueryRow("SELECT id FROM hooks WHERE name = 'watched'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ { // served from the cache after the first
		if code, body := l.do("GET", "/api/v2/hooks/"+id, ""); code != 200 || !strings.Contains(body, "module.exports") {
			t.Fatalf("before: %d %s", code, body)
		}
	}
	before := tn.cache.snap.Load()
	if before == nil {
		t.Fatal("nothing was cached")
	}
	cmd, out, _ := tenantTestStartChild(t, "patch", dir, id)
	for out.Scan() {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if code, body := l.do("GET", "/api/v2/hooks/"+id, ""); code != 200 || !strings.Contains(body, `"script":"patched by child"`) {
		t.Fatalf("after the other process's commit: %d %s", code, body)
	}
	if code, body := l.do("GET", "/api/v2/hooks?fields=name&triggerId=send-phone-message", ""); code != 200 || !strings.Contains(body, "from-child") {
		t.Fatalf("list after the other process's create: %d %s", code, body)
	}
	if tn.cache.snap.Load() == before {
		t.Fatal("the answers did not come from a reloaded cache")
	}
}
