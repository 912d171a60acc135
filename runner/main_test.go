package runner

import (
	"os"
	"testing"
)

// TestMain lets this test binary double as a runner worker for the Pool tests.
func TestMain(m *testing.M) {
	if MaybeServeWorker() {
		return
	}
	os.Exit(m.Run())
}
