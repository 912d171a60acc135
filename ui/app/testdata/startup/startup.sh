#!/bin/sh
# Start-up benchmark: time from exec of the real binary to the first frame that shows the
# tenant's hooks, measured inside a tmux terminal.
#   go build -o /tmp/hookterm . && go run ./ui/app/testdata/startup -data /tmp/bench1k -n 1000
#   sh ui/app/testdata/startup/startup.sh /tmp/hookterm /tmp/bench1k 10
# The TUI logs "first frame ... unix_ns=N" to $XDG_STATE_HOME/hookterm/hookterm.log; the
# shell records the time just before exec. Also prints the TUI's resident memory.
set -eu
bin=$1
data=$2
runs=${3:-5}
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
for i in $(seq "$runs"); do
	sock=htbench$$-$i
	rm -f "$state/hookterm/hookterm.log" "$state/t0"
	tmux -L $sock new-session -d -x 120 -y 40 \
		"HOME=$state XDG_STATE_HOME=$state sh -c 'date +%s%N > $state/t0; exec $bin --data $data'"
	n=0
	while ! grep -q 'first frame cpu' "$state/hookterm/hookterm.log" 2>/dev/null; do
		n=$((n + 1))
		if [ $n -gt 1000 ]; then echo "no first frame after 10 s" >&2; exit 1; fi
		sleep 0.01
	done
	t0=$(cat "$state/t0")
	t1=$(grep 'msg="first frame"' "$state/hookterm/hookterm.log" | sed 's/.*unix_ns=\([0-9]*\).*/\1/')
	hooks=$(grep 'msg="first frame"' "$state/hookterm/hookterm.log" | sed 's/.*hooks=\([0-9]*\).*/\1/')
	sleep 1
	listed=$(grep 'hooks listed' "$state/hookterm/hookterm.log" | sed 's/.*ms=\([0-9]*\).*/\1/' || true)
	cpu=$(grep 'first frame cpu' "$state/hookterm/hookterm.log" | sed 's/.*cpu_ms=\([0-9]*\).*/\1/' || true)
	pid=$(tmux -L $sock list-panes -F '#{pane_pid}')
	rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
	# Open the 10,000-line hook seeded as bench-big, scroll through it, and measure again.
	tmux -L $sock send-keys / b e n c h - b i g Enter Enter
	sleep 1
	tmux -L $sock send-keys C-End
	sleep 1
	rss2=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
	echo "run $i: first frame with $hooks hooks after $(( (t1 - t0) / 1000000 )) ms (CPU ${cpu:-?} ms; tenant list ${listed:-?} ms); resident $((rss / 1024)) MB, $((rss2 / 1024)) MB with bench-big open"
	tmux -L $sock send-keys Escape q
	sleep 0.3
	tmux -L $sock kill-server 2>/dev/null || true
done
