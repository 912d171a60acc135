// Command hookterm is a terminal hook editor with an integrated runner for Auth0 Hooks.
package main

import (
	"os"

	"github.com/hookterm/hookterm/cmd"
)

func main() {
	os.Exit(cmd.Execute())
}
