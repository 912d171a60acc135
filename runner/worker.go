package runner

// MaybeServeWorker serves the worker protocol and exits the process when this process was
// started as a runner worker (HOOKTERM_RUNNER_WORKER=1); otherwise it returns false at once.
// (Placeholder until the supervised worker lands.)
func MaybeServeWorker() bool { return false }
