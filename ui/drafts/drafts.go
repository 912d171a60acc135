// Package drafts keeps the TUI's unsaved buffers on disk, one file per hook under
// <data>/drafts/, so that a crash or kill -9 loses nothing typed more than a moment before.
// Writes go to a temporary file that is synced and renamed over the draft, so a draft is
// always either the previous complete version or the new complete version.
package drafts

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// Draft is one unsaved buffer.
type Draft struct {
	HookID   string     `json:"hookId"`
	HookName string     `json:"hookName"`
	Trigger  trigger.ID `json:"trigger"`
	// Base is the stored script the buffer was loaded from: restoring a draft keeps it as the
	// version to compare with at save time, so a change made elsewhere in between is shown
	// as a conflict instead of being overwritten.
	Base    string    `json:"base"`
	Script  string    `json:"script"`
	Updated time.Time `json:"updated"`
}

// Store is the drafts folder. Saves and removals run in background commands, so each
// carries a generation: a save issued before a removal never lands after it (a saved hook
// must not come back as a draft).
type Store struct {
	dir string

	mu      sync.Mutex
	removed map[string]uint64 // hook id → generation of its last removal
}

// Open creates the drafts folder (mode 0700) when it is missing.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create drafts folder: %w", err)
	}
	return &Store{dir: dir, removed: map[string]uint64{}}, nil
}

// Dir is the folder the drafts live in.
func (s *Store) Dir() string { return s.dir }

func (s *Store) path(hookID string) string {
	// Hook ids are ULIDs locally and "01…"-style ids on Auth0; anything else is made safe for
	// a file name rather than trusted.
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, hookID)
	return filepath.Join(s.dir, safe+".json")
}

// SaveGen writes d unless a removal of generation gen or later already happened.
func (s *Store) SaveGen(d Draft, gen uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen <= s.removed[d.HookID] {
		return nil
	}
	return s.save(d)
}

// RemoveGen removes the draft of a hook and drops every save of generation gen or earlier
// that has not landed yet.
func (s *Store) RemoveGen(hookID string, gen uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.removed[hookID] = max(s.removed[hookID], gen)
	return s.remove(hookID)
}

// Save writes d atomically: temporary file, fsync, rename, fsync of the folder.
func (s *Store) Save(d Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.save(d)
}

func (s *Store) save(d Draft) error {
	data, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode draft of %s: %w", d.HookName, err)
	}
	if err := writeAtomic(s.dir, s.path(d.HookID), data); err != nil {
		return fmt.Errorf("draft of %s: %w", d.HookName, err)
	}
	return nil
}

// writeAtomic writes data to path through a synced temporary file in dir and a rename,
// then syncs dir so that the rename itself survives a crash.
func writeAtomic(dir, path string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Remove deletes the draft of a hook; a missing draft is not an error.
func (s *Store) Remove(hookID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.remove(hookID)
}

func (s *Store) remove(hookID string) error {
	if err := os.Remove(s.path(hookID)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove draft: %w", err)
	}
	return nil
}

// List returns every readable draft, oldest first. Unreadable files are reported in the error
// but do not hide the others.
func (s *Store) List() ([]Draft, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	var out []Draft
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.dir, e.Name()))
		if err != nil {
			errs = append(errs, fmt.Errorf("read draft %s: %w", e.Name(), err))
			continue
		}
		var d Draft
		if err := json.Unmarshal(data, &d); err != nil || d.HookID == "" {
			errs = append(errs, fmt.Errorf("draft %s is not a hookterm draft", e.Name()))
			continue
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.Before(out[j].Updated) })
	return out, errors.Join(errs...)
}
