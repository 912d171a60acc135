package runner

import (
	"bytes"
	"encoding/json"
	"math"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// The worker protocol in-process: one JSON request per line in, one JSON response per line out.
func TestServeWorkerAnswersEachRequest(t *testing.T) {
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	_ = enc.Encode(workerRequest{ID: 7, Request: Request{Script: "module.exports = function (u, c, cb) { cb(null, { n: 1 }); };", Trigger: trigger.PostUserRegistration}})
	_ = enc.Encode(workerRequest{ID: 8, Request: Request{Script: "module.exports = function () {};", Trigger: trigger.PreUserRegistration, Payload: json.RawMessage(`{"user":1}`)}})
	var out bytes.Buffer
	if err := serveWorker(&in, &out); err != nil {
		t.Fatal(err)
	}
	defer debug.SetMemoryLimit(math.MaxInt64)
	dec := json.NewDecoder(&out)
	var first, second workerResponse
	if err := dec.Decode(&first); err != nil || first.ID != 7 || first.Report == nil || string(first.Report.Result) != `{"n":1}` {
		t.Fatalf("first %+v %v", first, err)
	}
	if err := dec.Decode(&second); err != nil || second.ID != 8 || second.PayloadError != "Body.user received by extensibility point is not an object" {
		t.Fatalf("second %+v %v", second, err)
	}
}

// The memory watchdog interrupts a script whose heap passes the limit and retires the worker.
func TestServeOneStopsAMemoryOverrun(t *testing.T) {
	defer debug.SetMemoryLimit(math.MaxInt64)
	resp, stuck := serveOne(Request{
		Script:      "module.exports = function () { var a = []; for (;;) { a.push('x'.repeat(1e6) + a.length); } };",
		Trigger:     trigger.PostUserRegistration,
		Timeout:     20 * time.Second,
		MemoryLimit: 32 << 20,
	})
	if stuck || !resp.Retire || resp.Report == nil || resp.Report.Error == nil || resp.Report.Error.Kind != KindMemory ||
		!strings.Contains(resp.Report.Error.Message, "32 MiB") {
		t.Fatalf("got %+v stuck=%v", resp.Report, stuck)
	}
}
