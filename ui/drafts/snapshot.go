package drafts

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
)

// Snapshot keeps the last hook list the TUI saw for one tenant, so that the next start draws
// the list at once while the tenant is still being asked. It holds the list's rows only —
// no scripts, secrets or dependencies — and is never used for anything but drawing.
type Snapshot struct {
	path string
}

type snapshotRow struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Trigger trigger.ID `json:"triggerId"`
	Enabled bool       `json:"enabled"`
}

// OpenSnapshot returns the snapshot of target (a data folder or a domain) kept in dir.
func OpenSnapshot(dir, target string) *Snapshot {
	sum := sha256.Sum256([]byte(target))
	return &Snapshot{path: filepath.Join(dir, "hooks-"+hex.EncodeToString(sum[:8])+".json")}
}

// Load returns the rows saved last; no snapshot is not an error.
func (s *Snapshot) Load() ([]api.Hook, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the hook list snapshot: %w", err)
	}
	var rows []snapshotRow
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("read the hook list snapshot %s: %w", s.path, err)
	}
	hooks := make([]api.Hook, len(rows))
	for i, r := range rows {
		hooks[i] = api.Hook{ID: r.ID, Name: r.Name, TriggerID: r.Trigger, Enabled: r.Enabled}
	}
	return hooks, nil
}

// Save replaces the snapshot atomically.
func (s *Snapshot) Save(hooks []api.Hook) error {
	rows := make([]snapshotRow, len(hooks))
	for i, h := range hooks {
		rows[i] = snapshotRow{ID: h.ID, Name: h.Name, Trigger: h.TriggerID, Enabled: h.Enabled}
	}
	data, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("encode the hook list snapshot: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("save the hook list snapshot: %w", err)
	}
	return writeAtomic(filepath.Dir(s.path), s.path, data)
}
