// Command seed fills a data folder's local tenant with many hooks for hookterm's
// performance measurements (scripts/e2e-bench.sh): creating them one `hookterm hooks create`
// at a time would start a process per hook.
//
//	go run ./cmd/e2e/seed --data DIR --hooks 1000 --big-lines 10000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
)

func main() {
	data := flag.String("data", "", "data folder (required)")
	hooks := flag.Int("hooks", 1000, "hooks to create, spread over the five points")
	bigLines := flag.Int("big-lines", 0, "also create \"0000 big script\", a hook whose script has this many lines (0: none)")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "seed: --data is required")
		os.Exit(2)
	}
	if err := seed(context.Background(), *data, *hooks, *bigLines); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func seed(ctx context.Context, data string, n, bigLines int) error {
	c, err := api.OpenEmbedded(ctx, data)
	if err != nil {
		return err
	}
	defer c.Close()
	points := trigger.All()
	for i := range n {
		p := points[i%len(points)]
		h := api.Hook{Name: fmt.Sprintf("bench hook %04d", i), TriggerID: p.ID, Script: p.Starter}
		if _, err := c.CreateHook(ctx, h); err != nil {
			return fmt.Errorf("create hook %d: %w", i, err)
		}
	}
	if bigLines > 0 {
		script := BigScript(bigLines)
		// The name sorts first in the first group, so the TUI selects it at start.
		h := api.Hook{Name: "0000 big script", TriggerID: trigger.CredentialsExchange, Script: script}
		if _, err := c.CreateHook(ctx, h); err != nil {
			return fmt.Errorf("create the big script (%d bytes): %w", len(script), err)
		}
	}
	return nil
}

// BigScript is a credentials-exchange hook of exactly lines lines, kept short per line so
// that 10,000 lines stay under the 102,400-byte script limit.
func BigScript(lines int) string {
	var b strings.Builder
	b.WriteString("module.exports = function (client, scope, audience, context, cb) {\n")
	b.WriteString("  var n = 0;\n")
	for range max(lines-4, 0) {
		b.WriteString("  n++;\n")
	}
	b.WriteString("  cb(null, { scope: scope });\n")
	b.WriteString("};\n")
	return b.String()
}
