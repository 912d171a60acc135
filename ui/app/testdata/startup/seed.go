// Command seed fills a data folder's embedded tenant with hooks for the start-up benchmark
// (startup.sh). It lives under testdata so that `go test ./...` and `go vet ./...` skip it.
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
	dir := flag.String("data", "", "data folder")
	n := flag.Int("n", 1000, "hooks to create")
	big := flag.Int("big", 10000, "lines of the extra hook bench-big (0: none)")
	flag.Parse()
	if err := seed(context.Background(), *dir, *n, *big); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func seed(ctx context.Context, dir string, n, big int) error {
	c, err := api.OpenEmbedded(ctx, dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", dir, err)
	}
	defer c.Close()
	points := trigger.All()
	for i := 0; i < n; i++ {
		p := points[i%len(points)]
		if _, err := c.CreateHook(ctx, api.Hook{Name: fmt.Sprintf("bench-%04d", i), TriggerID: p.ID, Script: p.Starter}); err != nil {
			return fmt.Errorf("create hook %d: %w", i, err)
		}
	}
	if big > 0 {
		// 10 bytes a line keeps 10,000 lines under the 102,400-byte script limit.
		var b strings.Builder
		b.WriteString("module.exports = function (user, context, cb) {\n  var v = 0;\n")
		for i := 0; i < big-4; i++ {
			b.WriteString("  v += 1;\n")
		}
		b.WriteString("  cb();\n};\n")
		if _, err := c.CreateHook(ctx, api.Hook{Name: "bench-big", TriggerID: trigger.PostChangePassword, Script: b.String()}); err != nil {
			return fmt.Errorf("create bench-big: %w", err)
		}
	}
	return nil
}
