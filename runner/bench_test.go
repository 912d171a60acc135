package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

const benchTrivialHook = "module.exports = function (user, context, cb) { cb(null, { user: { user_metadata: { seen: true } } }); };"

// benchWorkerGC sets the garbage collector as a worker process does (MaybeServeWorker).
func benchWorkerGC(b *testing.B) {
	old := debug.SetGCPercent(workerGCPercent)
	b.Cleanup(func() { debug.SetGCPercent(old) })
}

// benchCPU reports the process's CPU time (user+system) per operation beside the wall time:
// on machines shared with other work, wall time per op grows with the load while CPU time
// stays what one run costs.
func benchCPU(b *testing.B) func() {
	start := benchRusage()
	return func() {
		b.ReportMetric(float64((benchRusage()-start).Microseconds())/float64(b.N), "cpu-µs/op")
	}
}

func benchRusage() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRunInProcess is one isolated run: cached program, fresh runtime, the worker's GC
// setting.
func BenchmarkRunInProcess(b *testing.B) {
	benchWorkerGC(b)
	req := Request{Script: benchTrivialHook, Trigger: trigger.PreUserRegistration, Timeout: 5 * time.Second}
	ctx := context.Background()
	b.ReportAllocs()
	done := benchCPU(b)
	for b.Loop() {
		rep, err := RunInProcess(ctx, req)
		if err != nil || !rep.OK {
			b.Fatalf("%v %+v", err, rep)
		}
	}
	done()
}

// BenchmarkPoolParallel measures throughput through the supervised workers (2 of them).
func BenchmarkPoolParallel(b *testing.B) {
	p, err := New(Options{Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	req := Request{Script: benchTrivialHook, Trigger: trigger.PreUserRegistration, Timeout: 5 * time.Second}
	ctx := context.Background()
	b.SetParallelism(2)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rep, err := p.Run(ctx, req)
			if err != nil || !rep.OK {
				b.Errorf("%v %+v", err, rep)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "runs/s")
}

// benchProfile builds a user profile of about 47 KB: nested metadata, arrays of identities
// and of login records, as a heavy pre-user-registration payload carries.
func benchProfile() string {
	var b strings.Builder
	b.WriteString(`{"user":{"tenant":"my-tenant","username":"user1","email":"user1@foo.com","emailVerified":true,"user_metadata":{"preferences":{"theme":"dark","lang":"en"},"history":[`)
	for i := 0; i < 300; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"at":"2026-11-%02dT10:%02d:00.000Z","ip":"10.0.%d.%d","ua":"Mozilla/5.0 (X11; Linux x86_64)","ok":%t,"score":%d.5}`, i%28+1, i%60, i%250, i%200, i%3 != 0, i)
	}
	b.WriteString(`]},"app_metadata":{"plan":"full","roles":[`)
	for i := 0; i < 150; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"role-%d","permissions":["read:a%d","write:b%d"],"granted":%d}`, i, i, i, 1700000000+i)
	}
	b.WriteString(`]}},"context":{"requestLanguage":"en-us","connection":{"id":"con_x","name":"Username-Password-Authentication","tenant":"my-tenant"}}}`)
	return b.String()
}

const benchJSONHook = `module.exports = function (user, context, cb) {
  var out;
  for (var i = 0; i < 20; i++) {
    out = JSON.parse(JSON.stringify(user));
  }
  cb(null, { user: { app_metadata: { roles: out.app_metadata.roles.length } } });
};`

// BenchmarkJSONHeavy is 20 × stringify and parse of a 47 KB profile (issue 2's JSON case).
func BenchmarkJSONHeavy(b *testing.B) {
	payload := benchProfile()
	if n := len(payload); n < 40000 || n > 55000 {
		b.Fatalf("profile is %d bytes", n)
	}
	benchWorkerGC(b)
	req := Request{Script: benchJSONHook, Trigger: trigger.PreUserRegistration, Timeout: 20 * time.Second, Payload: json.RawMessage(payload)}
	ctx := context.Background()
	done := benchCPU(b)
	for b.Loop() {
		rep, err := RunInProcess(ctx, req)
		if err != nil || !rep.OK {
			b.Fatalf("%v %+v", err, rep)
		}
	}
	done()
}
