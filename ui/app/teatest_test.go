package app

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/hookterm/hookterm/ui/common"
)

// TestProgramRoundTrip runs the root in a real Bubble Tea program (its goroutines, ticks and
// renderer): the list appears, a hook is opened, edited, saved, and q quits.
func TestProgramRoundTrip(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	m := New(Options{Backend: be, NewEditor: func() Editor { return &fakeEditor{} }, Drafts: store,
		Theme: common.NewTheme(false), PollInterval: 50 * time.Millisecond, DraftDelay: 10 * time.Millisecond})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(10*time.Second))
	}
	wait("add-claims")
	tm.Send(keyMsg("enter"))
	tm.Type("// typed")
	wait("unsaved")
	tm.Send(keyMsg("ctrl+s"))
	// The renderer only redraws changed cells, so wait on the tenant rather than the text.
	for deadline := time.Now().Add(10 * time.Second); !strings.HasSuffix(be.hook("h1").Script, "// typed"); {
		if time.Now().After(deadline) {
			t.Fatal("the save never reached the tenant")
		}
		time.Sleep(10 * time.Millisecond)
	}
	wait("ed add-claims") // "Saving add-claims…" became "Saved add-claims"
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	final := tm.FinalModel(t).(*Model)
	if len(final.dirtyBuffers()) != 0 {
		t.Fatal("buffer still unsaved after the save")
	}
	if ds, _ := store.List(); len(ds) != 0 {
		t.Fatalf("drafts left: %+v", ds)
	}
}
