package editor

import (
	"fmt"
	"sync"

	"github.com/atotto/clipboard"
)

// Clipboard is where copy and cut put text and paste takes it from. The editor calls it from
// tea.Cmds, off the UI goroutine, so implementations must be safe for concurrent use.
type Clipboard interface {
	ReadText() (string, error)
	WriteText(s string) error
}

// MemoryClipboard keeps the text in memory: for tests, and the fallback when there is no
// system clipboard (no display, no xclip/xsel/wl-copy).
type MemoryClipboard struct {
	mu   sync.Mutex
	text string
}

// ReadText returns the last text written.
func (c *MemoryClipboard) ReadText() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.text, nil
}

// WriteText keeps s.
func (c *MemoryClipboard) WriteText(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.text = s
	return nil
}

// SystemClipboard uses the system clipboard and falls back to memory whenever it is missing
// or fails, so copy and paste inside hookterm always work.
type SystemClipboard struct {
	mem MemoryClipboard
}

// terminalCopier is implemented by clipboards that want copies also sent to the terminal's
// clipboard (OSC 52), which is the user's own clipboard over SSH.
type terminalCopier interface {
	CopyToTerminal() bool
}

// CopyToTerminal is true when there is no system clipboard tool here (a server reached over
// SSH, a container): copies then also go to the terminal's clipboard through OSC 52.
func (c *SystemClipboard) CopyToTerminal() bool { return clipboard.Unsupported }

// NewSystemClipboard returns a clipboard backed by the system's, with an in-memory fallback.
func NewSystemClipboard() *SystemClipboard { return &SystemClipboard{} }

// ReadText reads the system clipboard, or the last text copied in hookterm when there is none.
func (c *SystemClipboard) ReadText() (string, error) {
	if !clipboard.Unsupported {
		if s, err := clipboard.ReadAll(); err == nil {
			return s, nil
		}
	}
	return c.mem.ReadText()
}

// WriteText writes the system clipboard and always keeps a copy in memory; a system
// clipboard failure is reported only so the editor can mention it, the text is not lost.
func (c *SystemClipboard) WriteText(s string) error {
	_ = c.mem.WriteText(s)
	if clipboard.Unsupported {
		return nil
	}
	if err := clipboard.WriteAll(s); err != nil {
		return fmt.Errorf("system clipboard (kept in hookterm only): %w", err)
	}
	return nil
}
