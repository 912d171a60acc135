package payloads

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

const hookID = "01HZZZZZZZZZZZZZZZZZZZZZZZ"

func TestListWithoutFileGivesTheSampleOnly(t *testing.T) {
	s := NewStore(t.TempDir())
	got, err := s.List(hookID, trigger.CredentialsExchange)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := trigger.Lookup(string(trigger.CredentialsExchange))
	if len(got) != 1 || got[0].Name != SampleName || !got[0].Sample || got[0].JSON != p.Sample {
		t.Fatalf("List = %+v, want only the credentials-exchange sample", got)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("List created %s (err %v); reading must not write", s.Dir(), err)
	}
}

func TestSaveListReplaceDelete(t *testing.T) {
	data := t.TempDir()
	s := NewStore(data)
	first := "{\n\t\"user\": {\"email\": \"a@b.c\"},\n\t\"context\": {}\n}"
	if err := s.Save(hookID, "admin user", first); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(hookID, "no email", `{"user":{},"context":{}}`); err != nil {
		t.Fatal(err)
	}
	// Saving under an existing name replaces in place, keeping the order.
	if err := s.Save(hookID, " admin user ", first+"\n"); err != nil {
		t.Fatal(err)
	}
	got, err := s.List(hookID, trigger.PreUserRegistration)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, n := range got {
		names = append(names, n.Name)
	}
	if strings.Join(names, "|") != "sample|admin user|no email" {
		t.Fatalf("names = %v", names)
	}
	if got[1].JSON != first+"\n" {
		t.Fatalf("payload not kept byte for byte: %q", got[1].JSON)
	}
	path := filepath.Join(data, "payloads", hookID+".json")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, want 0600", fi.Mode().Perm())
	}
	di, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Fatalf("folder mode = %v, want 0700", di.Mode().Perm())
	}

	if err := s.Delete(hookID, "admin user"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(hookID, "admin user"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete = %v, want ErrNotFound", err)
	}
	got, _ = s.List(hookID, trigger.PreUserRegistration)
	if len(got) != 2 || got[1].Name != "no email" {
		t.Fatalf("after delete: %+v", got)
	}
	if err := s.Delete(hookID, "no email"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file of a hook without payloads should be removed: %v", err)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 0 {
		t.Fatalf("left in the folder: %v", entries)
	}
}

func TestSaveRefusesBadInput(t *testing.T) {
	s := NewStore(t.TempDir())
	cases := []struct {
		id, name, json, want string
	}{
		{hookID, SampleName, `{}`, "reserved"},
		{hookID, "", `{}`, "empty"},
		{hookID, strings.Repeat("x", MaxNameLen+1), `{}`, "at most"},
		{hookID, "tab\there", `{}`, "control"},
		{hookID, "ok", `[1]`, "must be a JSON object"},
		{hookID, "ok", `{"a":`, "invalid JSON"},
		{"../escape", "ok", `{}`, "cannot name a payload file"},
	}
	for _, c := range cases {
		err := s.Save(c.id, c.name, c.json)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Save(%q, %q, %q) = %v, want an error containing %q", c.id, c.name, c.json, err, c.want)
		}
	}
	if err := s.Delete(hookID, SampleName); !errors.Is(err, ErrReservedName) {
		t.Errorf("Delete(sample) = %v", err)
	}
}

func TestListKeepsTheSampleWhenTheFileIsDamaged(t *testing.T) {
	data := t.TempDir()
	s := NewStore(data)
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), hookID+".json"), []byte("{oops"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := s.List(hookID, trigger.SendPhoneMessage)
	if err == nil {
		t.Fatal("a damaged file must be reported")
	}
	if len(got) != 1 || !got[0].Sample {
		t.Fatalf("List = %+v, want the sample still", got)
	}
	if _, err := s.List(hookID, "nope"); err == nil {
		t.Fatal("an unknown point must be refused")
	}
}

func TestValidateJSONSaysWhere(t *testing.T) {
	cases := []struct {
		text      string
		line, col int
		msg       string
	}{
		{"{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 11, "invalid character"},
		{"{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "after object key:value pair"},
		{"{\"é\": 1} x", 1, 10, "unexpected text after"},
		{"{} }", 1, 4, "unexpected text after"},
		{"[]", 1, 1, "must be a JSON object"},
		{"   ", 0, 0, "empty"},
		{"{\"a\": ", 1, 7, "unexpected EOF"},
	}
	for _, c := range cases {
		err := ValidateJSON(c.text)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ValidateJSON(%q) = %v, want a *SyntaxError", c.text, err)
			continue
		}
		if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("ValidateJSON(%q) = %d:%d %q, want %d:%d containing %q", c.text, se.Line, se.Column, se.Msg, c.line, c.col, c.msg)
		}
	}
	for _, p := range trigger.All() {
		if err := ValidateJSON(p.Sample); err != nil {
			t.Errorf("sample of %s: %v", p.ID, err)
		}
	}
}
