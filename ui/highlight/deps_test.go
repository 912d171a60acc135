package highlight

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoHeavyChromaImports guards the reason this package exists: importing any of these
// would bring back the start-up cost of parsing chroma's embedded lexers or styles.
func TestNoHeavyChromaImports(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list -deps printed nothing")
	}
	sawChroma := false
	for _, d := range deps {
		if d == "github.com/alecthomas/chroma/v2" {
			sawChroma = true
		}
		for _, banned := range []string{"lexers", "styles", "quick", "formatters"} {
			if d == "github.com/alecthomas/chroma/v2/"+banned || strings.HasPrefix(d, "github.com/alecthomas/chroma/v2/"+banned+"/") {
				t.Errorf("package highlight depends on %s", d)
			}
		}
	}
	if !sawChroma {
		t.Error("chroma itself is missing from the dependency list: is go list listing the right package?")
	}
}
