#!/usr/bin/env bash
# Measures the TUI as a person meets it, in tmux against a temporary data folder:
#  1. the first frame with 1,000 hooks: from the process's start until the hook list is on
#     the tmux screen (median of RUNS starts);
#  2. resident memory (VmRSS, and the peak VmHWM) with those hooks listed and a 10,000-line
#     script open in the editor.
# Usage: scripts/e2e-bench.sh [RUNS]   (default 5). Needs go and tmux.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ht-bench-XXXXXX)
sock="$work/tmux.sock"
cleanup() {
  tmux -S "$sock" kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/hookterm" "$root"
go run "$root/cmd/e2e/seed" --data "$work/data" --hooks 1000 --big-lines 10000
total=$("$work/hookterm" --data "$work/data" hooks list --json 2>/dev/null | grep -c '"id"' || true)
echo "hooks in the tenant: $total (1,000 + the 5 starters + the 10,000-line script)"

printf 'set -g status off\nset -sg escape-time 0\n' > "$work/tmux.conf"
mkdir -p "$work/home"
now_ns() { date +%s%N; }
envs=(HOME="$work/home" XDG_STATE_HOME="$work/home/state" XDG_CONFIG_HOME="$work/home/config"
      XDG_DATA_HOME="$work/home/data" PATH="$PATH" LANG=C.UTF-8 NO_COLOR=1)


# start_tui writes the start time inside the pane, just before exec, so that tmux's own
# start-up is not counted.
start_tui() {
  tmux -S "$sock" -f "$work/tmux.conf" new-session -d -s bench -x 120 -y 40 -- \
    env -i "${envs[@]}" sh -c 'date +%s%N > "$1"; exec "$2" --data "$3"' sh \
    "$work/start" "$work/hookterm" "$work/data"
}

# wait_screen TEXT...: poll the screen until every TEXT shows on it at once (60 s at most).
# One tmux process per poll and no pipeline, so the polling adds little to what it measures.
wait_screen() {
  local deadline=$(( $(date +%s) + 60 )) screen text missing
  while :; do
    screen=$(tmux -S "$sock" capture-pane -p -t bench 2>/dev/null || true)
    missing=""
    for text in "$@"; do
      [[ $screen == *"$text"* ]] || { missing=$text; break; }
    done
    [ -z "$missing" ] && return 0
    if [ "$(date +%s)" -gt "$deadline" ]; then
      echo "timed out waiting for: $missing"; echo "$screen"; exit 1
    fi
  done
}

# The machine's load changes every wall-clock figure: print it, and the time a bare
# `hookterm --version` takes (process start, no tenant, no terminal) as a baseline.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
base=()
for i in $(seq 1 "$runs"); do
  s0=$(now_ns); "$work/hookterm" --version >/dev/null; s1=$(now_ns)
  base+=( $(( (s1 - s0) / 1000000 )) )
done
echo "baseline, hookterm --version (ms): ${base[*]}"

frames=()
cpus=()
tuilog=()
tuicpu=()
for i in $(seq 1 "$runs"); do
  rm -f "$work/start"
  start_tui
  # The list is on screen when its heading counts the hooks and a hook row is drawn.
  wait_screen "Hooks ($total)" "0000 big script"
  end=$(now_ns)
  start=$(cat "$work/start")
  frames+=( $(( (end - start) / 1000000 )) )
  # The TUI logs when it drew its first frame and the CPU it had used by then: a second view
  # of the same start, without the screen polling.
  logged=$(grep 'msg="first frame"' "$work/home/state/hookterm/hookterm.log" | tail -1 | sed -n 's/.*unix_ns=\([0-9]*\).*/\1/p')
  if [ -n "$logged" ]; then tuilog+=( $(( (logged - start) / 1000000 )) ); fi
  logcpu=$(grep 'msg="first frame cpu"' "$work/home/state/hookterm/hookterm.log" | tail -1 | sed -n 's/.*cpu_ms=\([0-9]*\).*/\1/p')
  if [ -n "$logcpu" ]; then tuicpu+=( "$logcpu" ); fi
  # CPU time the process used until then (user+system, in clock ticks): less sensitive to
  # a busy machine than the wall clock.
  pid=$(tmux -S "$sock" display -p -t bench '#{pane_pid}')
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  cpus+=( $(( ticks * 1000 / $(getconf CLK_TCK) )) )
  tmux -S "$sock" kill-server
  sleep 0.2
done
sorted=$(printf '%s\n' "${frames[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "first frame with $total hooks (ms, $runs starts): $(echo $sorted | tr '\n' ' ')→ median ${median} ms"
echo "CPU time used by then (ms, user+system, same starts): ${cpus[*]}"
echo "as the TUI logs it: first frame drawn after (ms): ${tuilog[*]:-n/a}; CPU by then (ms): ${tuicpu[*]:-n/a}"

# Memory: open the 10,000-line script (selected first in the list) and let the editor settle.
start_tui
wait_screen "0000 big script"
# enter opens it; a key sent while the TUI is still settling can be missed, so repeat it
# until the editor shows the script (60 s at most).
opened=""
for _ in $(seq 1 30); do
  tmux -S "$sock" send-keys -t bench Enter
  for _ in $(seq 1 20); do
    if tmux -S "$sock" capture-pane -p -t bench | grep -qF "0000 big script.js"; then opened=1; break 2; fi
    sleep 0.1
  done
done
[ -n "$opened" ] || { echo "the 10,000-line script never opened"; tmux -S "$sock" capture-pane -p -t bench; exit 1; }
# Scroll to the end and back so that highlighting and layout have touched the whole script.
tmux -S "$sock" send-keys -t bench C-End
sleep 1
tmux -S "$sock" send-keys -t bench C-Home
sleep 1
pid=$(tmux -S "$sock" display -p -t bench '#{pane_pid}')
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
echo "resident memory with $total hooks and the 10,000-line script open: VmRSS $((rss / 1024)) MiB, peak VmHWM $((hwm / 1024)) MiB (pid $pid, runner workers not included)"
