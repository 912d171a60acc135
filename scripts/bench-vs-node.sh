#!/usr/bin/env bash
# Compare the whole-process cost of running a trivial hook with `hookterm run --json` against
# spawning `node` to run the same hook, side by side in one run (interleaved, so both see the
# same machine load). Prints the median and mean wall time of each and their ratio.
#
#   scripts/bench-vs-node.sh [RUNS]      (default 30 runs of each)
set -euo pipefail

runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }
(cd "$root" && go build -o "$work/hookterm" .)

cat >"$work/hook.js" <<'JS'
module.exports = function (user, context, cb) {
  cb(null, { user: { user_metadata: { seen: true } } });
};
JS
# The Node side: load the hook and call it with the sample payload, print the result as JSON.
cat >"$work/run-node.js" <<'JS'
const hook = require(process.argv[2]);
const body = { user: { username: 'user1', email: 'user1@foo.com' }, context: { connection: { name: 'db' } } };
hook(body.user, body.context, (err, data) => {
  process.stdout.write(JSON.stringify({ ok: !err, result: data }) + '\n');
});
JS

now_us() { local t=${EPOCHREALTIME/./}; echo "${t}"; }

hook_times=() node_times=()
# One warm-up each so that both binaries are in the page cache.
"$work/hookterm" run --json --trigger pre-user-registration "$work/hook.js" >/dev/null
node "$work/run-node.js" "$work/hook.js" >/dev/null
for ((i = 0; i < runs; i++)); do
  t0=$(now_us)
  "$work/hookterm" run --json --trigger pre-user-registration "$work/hook.js" >/dev/null
  t1=$(now_us)
  node "$work/run-node.js" "$work/hook.js" >/dev/null
  t2=$(now_us)
  hook_times+=($((t1 - t0)))
  node_times+=($((t2 - t1)))
done

stats() { # prints "median mean" in ms of the microsecond values given
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1; s += $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f %.2f", m / 1000, s / NR / 1000 }'
}
read -r hmed hmean <<<"$(stats "${hook_times[@]}")"
read -r nmed nmean <<<"$(stats "${node_times[@]}")"
printf '%-28s %10s %10s\n' "whole process, $runs runs" "median ms" "mean ms"
printf '%-28s %10s %10s\n' "hookterm run --json" "$hmed" "$hmean"
printf '%-28s %10s %10s\n' "node (spawn + run)" "$nmed" "$nmean"
awk -v h="$hmed" -v n="$nmed" 'BEGIN { printf "hookterm / node (median): %.3f\n", h / n }'
