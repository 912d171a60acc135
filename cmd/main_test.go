package cmd

import (
	"os"
	"testing"

	"github.com/hookterm/hookterm/runner"
)

// TestMain lets this test binary double as a runner worker: runner.New re-executes
// os.Executable(), which in tests is the test binary. This is the package's only TestMain.
func TestMain(m *testing.M) {
	if runner.MaybeServeWorker() {
		return
	}
	os.Exit(m.Run())
}
