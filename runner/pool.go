package runner

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// Options configure a Pool.
type Options struct {
	// Workers is how many worker processes run scripts in parallel; 0 means 1.
	Workers int
	// Executable is the binary to start as a worker; "" means os.Executable(). It must call
	// MaybeServeWorker first thing (main and the TestMains do).
	Executable string
}

// parentGrace is how long past a run's time limit the parent waits for its worker before it
// kills it; the worker reports on its own at the limit plus stuckGrace.
const parentGrace = 2 * time.Second

// Pool runs scripts in supervised worker processes kept warm between runs. A worker that
// overruns its memory, crashes, hangs or is cancelled is killed and replaced; the run gets a
// report saying why. Pool is safe for concurrent use.
type Pool struct {
	exe   string
	slots chan *slot

	mu     sync.Mutex
	closed bool
	all    []*slot
}

// slot holds one worker process; nil proc means it must be started before use.
type slot struct {
	proc *workerProc
}

type workerProc struct {
	cmd       *exec.Cmd
	stdin     io.WriteCloser
	enc       *json.Encoder
	responses chan workerResponse
	exited    chan struct{} // closed when the process has exited and its output is drained
	stderr    *tailBuffer
	nextID    uint64
}

// New starts opts.Workers worker processes.
func New(opts Options) (*Pool, error) {
	if os.Getenv(workerEnv) == "1" {
		// A worker never starts workers: a binary that ran its normal job as a worker (it did
		// not call MaybeServeWorker) would otherwise multiply.
		return nil, errors.New("start runner workers: this process is itself a runner worker; call runner.MaybeServeWorker first in main and TestMain")
	}
	n := opts.Workers
	if n <= 0 {
		n = 1
	}
	exe := opts.Executable
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("find the runner worker executable: %w", err)
		}
	}
	p := &Pool{exe: exe, slots: make(chan *slot, n)}
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		s := &slot{}
		p.all = append(p.all, s)
		wg.Add(1)
		go func() {
			defer wg.Done()
			proc, err := startWorker(exe)
			if err != nil {
				errs <- err
				return
			}
			s.proc = proc
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		p.closeAll()
		return nil, err
	}
	for _, s := range p.all {
		p.slots <- s
	}
	return p, nil
}

func startWorker(exe string) (*workerProc, error) {
	// A binary that does not call MaybeServeWorker must not run its normal job as a worker: a
	// test binary given -test.run=^$ runs no test and exits, and the Pool reports the crash.
	// hookterm itself and every TestMain that calls MaybeServeWorker never look at arguments.
	cmd := exec.Command(exe, "-test.run=^$")
	// The worker gets no host environment: scripts see an empty process.env anyway, and
	// secrets in the parent's environment stay out of the child.
	cmd.Env = []string{workerEnv + "=1"}
	if v := os.Getenv("GOMAXPROCS"); v != "" {
		cmd.Env = append(cmd.Env, "GOMAXPROCS="+v)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start runner worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start runner worker: %w", err)
	}
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stderr = tail
	supervise(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start runner worker %s: %w", exe, err)
	}
	w := &workerProc{
		cmd:       cmd,
		stdin:     stdin,
		enc:       json.NewEncoder(stdin),
		responses: make(chan workerResponse, 1),
		exited:    make(chan struct{}),
		stderr:    tail,
	}
	go func() {
		dec := json.NewDecoder(bufio.NewReaderSize(stdout, 64<<10))
		for {
			var r workerResponse
			if err := dec.Decode(&r); err != nil {
				break
			}
			w.responses <- r
		}
		_ = cmd.Wait()
		close(w.exited)
	}()
	return w, nil
}

func (w *workerProc) kill() {
	_ = w.cmd.Process.Kill()
	_ = w.stdin.Close()
}

// Run runs req in a worker. Like RunInProcess it returns *PayloadError for a payload that
// fails the point's validation.
func (p *Pool) Run(ctx context.Context, req Request) (*Report, error) {
	point, ok := trigger.Lookup(string(req.Trigger))
	if !ok {
		_, err := trigger.Parse(string(req.Trigger))
		return nil, fmt.Errorf("run hook: %w", err)
	}
	if len(req.Payload) == 0 {
		req.Payload = json.RawMessage(point.Sample)
	}
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}

	var s *slot
	select {
	case s = <-p.slots:
	case <-ctx.Done():
		return nil, fmt.Errorf("run hook: wait for a runner worker: %w", ctx.Err())
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		p.slots <- s
		return nil, errors.New("run hook: the runner pool is closed")
	}
	if s.proc == nil {
		proc, err := startWorker(p.exe)
		if err != nil {
			p.slots <- s
			return nil, err
		}
		p.mu.Lock()
		s.proc = proc
		p.mu.Unlock()
	}
	rep, retire, err := p.exchange(ctx, s.proc, req, point.ID)
	if retire {
		s.proc.kill()
		p.mu.Lock()
		s.proc = nil
		p.mu.Unlock()
		// Warm the replacement off the caller's path.
		go func() {
			if proc, err := startWorker(p.exe); err == nil {
				p.mu.Lock()
				if p.closed {
					proc.kill()
				} else {
					s.proc = proc
				}
				p.mu.Unlock()
			}
			p.slots <- s
		}()
	} else {
		p.slots <- s
	}
	return rep, err
}

// exchange sends one request and waits for its answer, the worker's death, the deadline or
// the caller's cancellation. retire reports that the worker must be replaced.
func (p *Pool) exchange(ctx context.Context, w *workerProc, req Request, id trigger.ID) (rep *Report, retire bool, err error) {
	start := time.Now()
	w.nextID++
	if err := w.enc.Encode(workerRequest{ID: w.nextID, Request: req}); err != nil {
		return p.crashReport(w, id, start), true, nil
	}
	timer := time.NewTimer(req.Timeout + parentGrace)
	defer timer.Stop()
	select {
	case r := <-w.responses:
		switch {
		case r.PayloadError != "":
			return nil, r.Retire, &PayloadError{Trigger: id, Message: r.PayloadError}
		case r.Error != "":
			return nil, r.Retire, fmt.Errorf("run hook: %s", r.Error)
		case r.Report == nil:
			return nil, true, errors.New("run hook: the runner worker sent an empty answer")
		}
		return r.Report, r.Retire, nil
	case <-w.exited:
		return p.crashReport(w, id, start), true, nil
	case <-timer.C:
		return &Report{Trigger: id, Result: json.RawMessage("null"), Logs: []LogLine{}, DurationMs: msSince(start),
			Error: &ScriptError{Name: "TimeoutError", Kind: KindTimeout,
				Message: "Script execution did not finish within " + req.Timeout.String() + " and its worker did not answer; it was stopped"}}, true, nil
	case <-ctx.Done():
		return nil, true, fmt.Errorf("run hook: %w", ctx.Err())
	}
}

// crashReport describes a worker that died during a run. Go's runtime prints "out of
// memory" when an allocation fails: that is the memory limit, anything else is hookterm's bug.
func (p *Pool) crashReport(w *workerProc, id trigger.ID, start time.Time) *Report {
	select {
	case <-w.exited:
	case <-time.After(time.Second):
		w.kill()
		<-w.exited
	}
	tail := w.stderr.String()
	se := &ScriptError{Name: "Error", Kind: KindInternal, Message: "the runner worker crashed"}
	switch {
	case strings.Contains(tail, "out of memory"):
		se = &ScriptError{Name: "MemoryLimitError", Kind: KindMemory, Message: "The script ran out of memory and its worker was stopped"}
	case strings.TrimSpace(tail) != "":
		se.Message += ": " + lastLine(tail)
	}
	return &Report{Trigger: id, Result: json.RawMessage("null"), Logs: []LogLine{}, Error: se, DurationMs: msSince(start)}
}

// Close stops every worker. Runs in progress fail.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	p.closeAll()
	return nil
}

func (p *Pool) closeAll() {
	p.mu.Lock()
	var procs []*workerProc
	for _, s := range p.all {
		if s.proc != nil {
			procs = append(procs, s.proc)
		}
	}
	p.mu.Unlock()
	for _, w := range procs {
		{
			// Closing stdin ends the worker's loop; kill covers a worker that is mid-run.
			_ = w.stdin.Close()
			select {
			case <-w.exited:
			case <-time.After(500 * time.Millisecond):
				w.kill()
			}
		}
	}
}

func msSince(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "goroutine ") {
			return l
		}
	}
	return ""
}

// tailBuffer keeps the first 1 KiB and the last max bytes written to it (a worker's stderr):
// a Go crash puts its reason first and a long goroutine dump after it.
type tailBuffer struct {
	mu   sync.Mutex
	max  int
	head []byte
	buf  []byte
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := 1024 - len(t.head); n > 0 {
		t.head = append(t.head, b[:min(n, len(b))]...)
	}
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-t.max:]...)
	}
	return len(b), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.head) + "\n" + string(t.buf)
}
