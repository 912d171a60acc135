package drafts

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
)

func TestSaveListRemove(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	d := Draft{HookID: "01HABC", HookName: "a", Trigger: trigger.CredentialsExchange,
		Base: "old", Script: "new\r\n\ttabs kept\n", Updated: time.Unix(10, 0)}
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	d.Script = "newer"
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(Draft{HookID: "../evil", HookName: "b", Updated: time.Unix(5, 0)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].HookID != "../evil" || got[1].Script != "newer" || got[1].Base != "old" {
		t.Fatalf("drafts = %+v", got)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "___evil.json")); err != nil {
		t.Fatalf("unsafe id not kept inside the folder: %v", err)
	}
	entries, _ := os.ReadDir(s.Dir())
	if len(entries) != 2 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
	info, _ := os.Stat(s.Dir())
	if info.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode %v", info.Mode().Perm())
	}
	if err := s.Remove("01HABC"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("01HABC"); err != nil {
		t.Fatalf("second remove: %v", err)
	}
	got, _ = s.List()
	if len(got) != 1 {
		t.Fatalf("after remove: %+v", got)
	}
}

func TestListReportsBrokenDraftsButKeepsOthers(t *testing.T) {
	s, _ := Open(t.TempDir())
	if err := os.WriteFile(filepath.Join(s.Dir(), "bad.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(Draft{HookID: "x", HookName: "x"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.List()
	if err == nil || len(got) != 1 {
		t.Fatalf("got %v, err %v", got, err)
	}
}

func TestSnapshotKeepsRowsOnly(t *testing.T) {
	dir := t.TempDir()
	s := OpenSnapshot(dir, "/data/a")
	if got, err := s.Load(); err != nil || got != nil {
		t.Fatalf("empty snapshot: %v %v", got, err)
	}
	in := []api.Hook{{ID: "1", Name: "a", TriggerID: trigger.SendPhoneMessage, Enabled: true, Script: "secret code",
		Dependencies: map[string]string{"x": "1"}}}
	if err := s.Save(in); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil || len(got) != 1 || got[0].Name != "a" || !got[0].Enabled || got[0].Script != "" || got[0].Dependencies != nil {
		t.Fatalf("loaded %+v, %v", got, err)
	}
	if other, _ := OpenSnapshot(dir, "acme.auth0.com").Load(); other != nil {
		t.Fatal("snapshots of two tenants share a file")
	}
}

func TestGenerationsKeepRemovedDraftsRemoved(t *testing.T) {
	s, _ := Open(t.TempDir())
	d := Draft{HookID: "h", HookName: "h", Script: "x"}
	if err := s.SaveGen(d, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveGen("h", 2); err != nil {
		t.Fatal(err)
	}
	// A save issued before the removal (generation 2) arrives late: it must not land.
	if err := s.SaveGen(d, 2); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.List(); len(got) != 0 {
		t.Fatalf("late save resurrected the draft: %+v", got)
	}
	if err := s.SaveGen(d, 3); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.List(); len(got) != 1 {
		t.Fatal("a newer save was dropped")
	}
}
