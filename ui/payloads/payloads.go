// Package payloads keeps each hook's named payloads — the JSON a hook is run with in the TUI —
// in the data folder, one file per hook: <data>/payloads/<hookID>.json.
//
// The extensibility point's sample payload is not stored: List always puts it first, so a hook
// with no saved payloads still has something to run with, and a change to the sample in a new
// hookterm version reaches every hook.
package payloads

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hookterm/hookterm/trigger"
)

// SampleName is the name List gives the point's sample payload. It cannot be saved over or
// deleted: the sample is the payload every hook can always fall back to.
const SampleName = "sample"

// MaxNameLen bounds a payload name so that it fits on the run pane's header line.
const MaxNameLen = 64

// Named is one payload a hook can be run with.
type Named struct {
	Name string
	// JSON is the payload text as the user wrote it, kept byte for byte (indentation included).
	JSON string
	// Sample marks the point's sample payload, which is not stored in the file.
	Sample bool
}

// ErrReservedName is returned when saving or deleting the sample's name.
var ErrReservedName = errors.New("the name " + SampleName + " is reserved for the point's sample payload")

// ErrNotFound is returned by Delete when the hook has no payload of that name.
var ErrNotFound = errors.New("no payload of that name")

// validHookID keeps hook ids usable as file names: Auth0's and the local tenant's ids
// (ULIDs, "01…") pass; anything with a path separator or dots does not. A loop rather than a
// package-level regexp, which would be compiled at every start of the program.
func validHookID(id string) bool {
	if len(id) == 0 || len(id) > 128 {
		return false
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
		if !ok {
			return false
		}
	}
	return true
}

// Store reads and writes the payload files of one data folder.
type Store struct {
	dir string
}

// NewStore returns the store kept in <dataDir>/payloads. The folder is created on the first
// Save, not here, so that opening the TUI read-only on a data folder writes nothing.
func NewStore(dataDir string) *Store {
	return &Store{dir: filepath.Join(dataDir, "payloads")}
}

// Dir is the folder holding the payload files.
func (s *Store) Dir() string { return s.dir }

// file is the on-disk shape. Payloads are kept as strings, not raw JSON, because
// encoding/json compacts a json.RawMessage and the user's formatting would be lost.
type file struct {
	Version  int         `json:"version"`
	Payloads []savedItem `json:"payloads"`
}

type savedItem struct {
	Name    string `json:"name"`
	Payload string `json:"payload"`
}

// List returns the hook's payloads: the point's sample first, then the saved ones in the
// order they were first saved.
func (s *Store) List(hookID string, trig trigger.ID) ([]Named, error) {
	p, err := trigger.Parse(string(trig))
	if err != nil {
		return nil, fmt.Errorf("listing payloads of hook %s: %w", hookID, err)
	}
	out := []Named{{Name: SampleName, JSON: p.Sample, Sample: true}}
	f, err := s.read(hookID)
	if err != nil {
		// Still give the sample: a damaged file must not stop the user from running.
		return out, err
	}
	for _, it := range f.Payloads {
		out = append(out, Named{Name: it.Name, JSON: it.Payload})
	}
	return out, nil
}

// Save stores payload under name for the hook, replacing a payload of the same name in place.
// The payload must be a JSON object: the runner takes the point's arguments from its
// properties.
func (s *Store) Save(hookID, name, payload string) error {
	name = strings.TrimSpace(name)
	if err := ValidateName(name); err != nil {
		return fmt.Errorf("saving payload of hook %s: %w", hookID, err)
	}
	if err := ValidateJSON(payload); err != nil {
		return fmt.Errorf("saving payload %q of hook %s: %w", name, hookID, err)
	}
	f, err := s.read(hookID)
	if err != nil {
		return fmt.Errorf("saving payload %q: %w", name, err)
	}
	replaced := false
	for i := range f.Payloads {
		if f.Payloads[i].Name == name {
			f.Payloads[i].Payload = payload
			replaced = true
		}
	}
	if !replaced {
		f.Payloads = append(f.Payloads, savedItem{Name: name, Payload: payload})
	}
	if err := s.write(hookID, f); err != nil {
		return fmt.Errorf("saving payload %q: %w", name, err)
	}
	return nil
}

// Delete removes the payload called name from the hook's payloads.
func (s *Store) Delete(hookID, name string) error {
	if name == SampleName {
		return fmt.Errorf("deleting payload of hook %s: %w", hookID, ErrReservedName)
	}
	f, err := s.read(hookID)
	if err != nil {
		return fmt.Errorf("deleting payload %q: %w", name, err)
	}
	kept := f.Payloads[:0]
	found := false
	for _, it := range f.Payloads {
		if it.Name == name {
			found = true
			continue
		}
		kept = append(kept, it)
	}
	if !found {
		return fmt.Errorf("deleting payload %q of hook %s: %w", name, hookID, ErrNotFound)
	}
	f.Payloads = kept
	if err := s.write(hookID, f); err != nil {
		return fmt.Errorf("deleting payload %q: %w", name, err)
	}
	return nil
}

// ValidateName reports whether name can name a saved payload.
func ValidateName(name string) error {
	switch {
	case name == "":
		return errors.New("a payload name cannot be empty")
	case name == SampleName:
		return ErrReservedName
	case len(name) > MaxNameLen:
		return fmt.Errorf("a payload name has at most %d characters", MaxNameLen)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return errors.New("a payload name cannot contain control characters")
	}
	return nil
}

// SyntaxError is invalid payload text with the place it goes wrong.
type SyntaxError struct {
	Line, Column int // 1-based
	Msg          string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("invalid JSON at line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return "invalid JSON: " + e.Msg
}

// ValidateJSON checks that text is one JSON object, and says where it is not: the runner
// takes the point's arguments from the object's properties.
func ValidateJSON(text string) error {
	dec := json.NewDecoder(strings.NewReader(text))
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := position(text, se.Offset)
			return &SyntaxError{Line: line, Column: col, Msg: se.Error()}
		}
		if errors.Is(err, io.EOF) || strings.TrimSpace(text) == "" {
			return &SyntaxError{Msg: "the payload is empty; it must be a JSON object"}
		}
		// io.ErrUnexpectedEOF: the text stops inside the object, so point past its end.
		line, col := position(text, int64(len(text))+1)
		return &SyntaxError{Line: line, Column: col, Msg: err.Error()}
	}
	// Anything after the object is an error too; json.Valid would say so without a position.
	end := dec.InputOffset()
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		for end < int64(len(text)) && isSpace(text[end]) {
			end++
		}
		line, col := position(text, end+1)
		return &SyntaxError{Line: line, Column: col, Msg: "unexpected text after the JSON object"}
	}
	if _, ok := v.(map[string]any); !ok {
		return &SyntaxError{Line: 1, Column: 1, Msg: "the payload must be a JSON object ({…}) holding the point's arguments"}
	}
	return nil
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// position turns a 1-based byte offset as json.SyntaxError reports it (the offset after the
// byte that failed) into a 1-based line and column in runes.
func position(text string, offset int64) (line, col int) {
	if offset < 1 {
		offset = 1
	}
	if offset > int64(len(text))+1 {
		offset = int64(len(text)) + 1
	}
	prefix := text[:max(offset-1, 0)]
	line = strings.Count(prefix, "\n") + 1
	lastNL := strings.LastIndexByte(prefix, '\n')
	col = len([]rune(prefix[lastNL+1:])) + 1
	return line, col
}

func (s *Store) path(hookID string) (string, error) {
	if !validHookID(hookID) {
		return "", fmt.Errorf("hook id %q cannot name a payload file", hookID)
	}
	return filepath.Join(s.dir, hookID+".json"), nil
}

func (s *Store) read(hookID string) (file, error) {
	var f file
	p, err := s.path(hookID)
	if err != nil {
		return f, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("reading payloads: %w", err)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return file{}, fmt.Errorf("reading payloads from %s: %w", p, err)
	}
	return f, nil
}

// write replaces the hook's file atomically (temporary file in the same folder, fsync,
// rename) so that a crash never leaves half a file behind; 0600 because payloads often hold
// real user data copied from logs.
func (s *Store) write(hookID string, f file) error {
	p, err := s.path(hookID)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", s.dir, err)
	}
	if len(f.Payloads) == 0 {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", p, err)
		}
		return nil
	}
	f.Version = 1
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding payloads: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, "."+hookID+"-*.tmp")
	if err != nil {
		return fmt.Errorf("creating a temporary file: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("restricting %s: %w", tmp.Name(), err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("syncing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("replacing %s: %w", p, err)
	}
	return nil
}
