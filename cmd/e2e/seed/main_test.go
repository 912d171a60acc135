package main

import (
	"strings"
	"testing"
)

// The benchmark needs a script of exactly the asked number of lines that the tenant accepts
// (1 to 102,400 bytes).
func TestBigScriptFitsTheLimit(t *testing.T) {
	for _, lines := range []int{4, 100, 10000} {
		s := BigScript(lines)
		if got := strings.Count(s, "\n"); got != lines {
			t.Errorf("BigScript(%d) has %d lines", lines, got)
		}
		if len(s) > 102400 {
			t.Errorf("BigScript(%d) is %d bytes, over the 102,400-byte limit", lines, len(s))
		}
	}
}
