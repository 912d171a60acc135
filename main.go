// Command hookterm is a terminal hook editor with an integrated runner for Auth0 Hooks.
package main

import (
	"os"

	"github.com/hookterm/hookterm/cmd"
	"github.com/hookterm/hookterm/runner"
)

func main() {
	// A runner worker is this binary re-executed by runner.New; it must not parse flags.
	if runner.MaybeServeWorker() {
		return
	}
	os.Exit(cmd.Execute())
}
