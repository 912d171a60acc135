#!/usr/bin/env bash
# Compare hookterm with Node, side by side in one run (interleaved, so both see the same
# machine load):
#  1. whole process: `hookterm run --json` on a trivial hook against spawning `node` to run it;
#  2. a JSON-heavy hook (20 x JSON.stringify + JSON.parse of a 47 KB profile), per run, inside
#     a warm engine: the runner's BenchmarkJSONHeavy (fresh goja runtime per run) against the
#     same hook called in a loop in one Node process.
# Prints medians and the ratios.
#
#   scripts/bench-vs-node.sh [RUNS]      (default 30 whole-process runs of each)
set -euo pipefail

runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v node >/dev/null || { echo "node is not installed" >&2; exit 2; }
(cd "$root" && go build -o "$work/hookterm" .)
# The runner alone: a throw-away main with only package runner (a Pool of one worker, like
# `hookterm run`), to separate the runner's cost from the start-up of hookterm's other packages.
mini=$(mktemp -d "$root/.bench-mini.XXXXXX")
trap 'rm -rf "$work" "$mini"' EXIT
cat >"$mini/main.go" <<'GO'
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/hookterm/hookterm/runner"
)

func main() {
	if runner.MaybeServeWorker() {
		return
	}
	p, err := runner.New(runner.Options{Workers: 1})
	if err != nil {
		panic(err)
	}
	defer p.Close()
	script, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	rep, err := p.Run(context.Background(), runner.Request{Script: string(script), Trigger: "pre-user-registration"})
	if err != nil {
		panic(err)
	}
	_ = json.NewEncoder(os.Stdout).Encode(rep)
}
GO
(cd "$root" && go build -o "$work/runner-only" "./$(basename "$mini")")
# Two floors, to show what any Go process costs on this machine: a Go program that only prints,
# and the issue's own reference, a whole goja process (goja.New, run the hook, print the result)
# with none of hookterm's packages, no worker and no Node library.
mkdir -p "$mini/hello" "$mini/gojaonly"
cat >"$mini/hello/main.go" <<'GO'
package main

import "os"

func main() { _, _ = os.Stdout.WriteString("{}\n") }
GO
cat >"$mini/gojaonly/main.go" <<'GO'
package main

import (
	"os"

	"github.com/dop251/goja"
)

func main() {
	script, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	rt := goja.New()
	module := rt.NewObject()
	_ = rt.Set("module", module)
	if _, err := rt.RunString(string(script)); err != nil {
		panic(err)
	}
	hook, _ := goja.AssertFunction(module.Get("exports"))
	var out string
	cb := func(_ goja.Value, data goja.Value) {
		b, _ := data.ToObject(rt).MarshalJSON()
		out = string(b)
	}
	user, _ := rt.RunString(`({ username: 'user1', email: 'user1@foo.com' })`)
	ctx, _ := rt.RunString(`({ connection: { name: 'db' } })`)
	if _, err := hook(goja.Undefined(), user, ctx, rt.ToValue(cb)); err != nil {
		panic(err)
	}
	_, _ = os.Stdout.WriteString(out + "\n")
}
GO
(cd "$root" && go build -o "$work/hello" "./$(basename "$mini")/hello" &&
  go build -o "$work/goja-only" "./$(basename "$mini")/gojaonly")

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

hook_times=() node_times=() mini_times=() hello_times=() goja_times=()
# One warm-up each so that every binary is in the page cache.
"$work/hookterm" run --json --trigger pre-user-registration "$work/hook.js" >/dev/null
"$work/runner-only" "$work/hook.js" >/dev/null
"$work/hello" >/dev/null
"$work/goja-only" "$work/hook.js" >/dev/null
node "$work/run-node.js" "$work/hook.js" >/dev/null
for ((i = 0; i < runs; i++)); do
  t0=$(now_us)
  "$work/hookterm" run --json --trigger pre-user-registration "$work/hook.js" >/dev/null
  t1=$(now_us)
  node "$work/run-node.js" "$work/hook.js" >/dev/null
  t2=$(now_us)
  "$work/runner-only" "$work/hook.js" >/dev/null
  t3=$(now_us)
  "$work/hello" >/dev/null
  t4=$(now_us)
  "$work/goja-only" "$work/hook.js" >/dev/null
  t5=$(now_us)
  hook_times+=($((t1 - t0)))
  node_times+=($((t2 - t1)))
  mini_times+=($((t3 - t2)))
  hello_times+=($((t4 - t3)))
  goja_times+=($((t5 - t4)))
done

stats() { # prints "median mean" in ms of the microsecond values given
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1; s += $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f %.2f", m / 1000, s / NR / 1000 }'
}
read -r hmed hmean <<<"$(stats "${hook_times[@]}")"
read -r nmed nmean <<<"$(stats "${node_times[@]}")"
read -r mmed mmean <<<"$(stats "${mini_times[@]}")"
read -r emed emean <<<"$(stats "${hello_times[@]}")"
read -r bmed bmean <<<"$(stats "${goja_times[@]}")"
printf '%-36s %10s %10s\n' "whole process, $runs runs" "median ms" "mean ms"
printf '%-36s %10s %10s\n' "hookterm run --json" "$hmed" "$hmean"
printf '%-36s %10s %10s\n' "runner-only binary (Pool of 1)" "$mmed" "$mmean"
printf '%-36s %10s %10s\n' "node (spawn + run)" "$nmed" "$nmean"
printf '%-36s %10s %10s\n' "floor: Go program that only prints" "$emed" "$emean"
printf '%-36s %10s %10s\n' "floor: bare goja process" "$bmed" "$bmean"
awk -v h="$hmed" -v m="$mmed" -v n="$nmed" -v e="$emed" -v g="$bmed" \
  'BEGIN { printf "hookterm / node (median): %.3f; runner-only / node: %.3f\n", h / n, m / n
           printf "floors / node: Go program %.3f, two Go programs %.3f, bare goja process %.3f\n", e / n, 2 * e / n, g / n }'

# 2. JSON-heavy hook. The profile is generated in JavaScript exactly as benchProfile() does in
# runner/bench_test.go (the script prints its size so that both can be compared: 47008 bytes).
cat >"$work/json-node.js" <<'JS'
function pad(n) { return String(n).padStart(2, '0'); }
let s = '{"user":{"tenant":"my-tenant","username":"user1","email":"user1@foo.com","emailVerified":true,"user_metadata":{"preferences":{"theme":"dark","lang":"en"},"history":[';
for (let i = 0; i < 300; i++) {
  if (i > 0) s += ',';
  s += `{"at":"2026-11-${pad(i % 28 + 1)}T10:${pad(i % 60)}:00.000Z","ip":"10.0.${i % 250}.${i % 200}","ua":"Mozilla/5.0 (X11; Linux x86_64)","ok":${i % 3 !== 0},"score":${i}.5}`;
}
s += ']},"app_metadata":{"plan":"full","roles":[';
for (let i = 0; i < 150; i++) {
  if (i > 0) s += ',';
  s += `{"name":"role-${i}","permissions":["read:a${i}","write:b${i}"],"granted":${1700000000 + i}}`;
}
s += ']}},"context":{"requestLanguage":"en-us","connection":{"id":"con_x","name":"Username-Password-Authentication","tenant":"my-tenant"}}}';
const hook = function (user, context, cb) {
  var out;
  for (var i = 0; i < 20; i++) {
    out = JSON.parse(JSON.stringify(user));
  }
  cb(null, { user: { app_metadata: { roles: out.app_metadata.roles.length } } });
};
// Like the runner, every run starts from the JSON payload (parsed into fresh objects).
const run = () => { const body = JSON.parse(s); hook(body.user, body.context, () => {}); };
for (let i = 0; i < 20; i++) run();
const n = 50, t = process.hrtime.bigint(), c = process.cpuUsage();
for (let i = 0; i < n; i++) run();
const cpu = process.cpuUsage(c);
console.log(s.length, (Number(process.hrtime.bigint() - t) / 1e6 / n).toFixed(2), ((cpu.user + cpu.system) / 1e3 / n).toFixed(2));
JS
(cd "$root" && go test -c -o "$work/runner.test" ./runner)
go_json=() go_cpu=() node_json=() node_cpu=()
for ((i = 0; i < 5; i++)); do
  read -r ns cpu < <("$work/runner.test" -test.run '^$' -test.bench '^BenchmarkJSONHeavy$' -test.benchtime 1s |
    awk '/^BenchmarkJSONHeavy/ { print $3, $5 }')
  go_json+=("$ns") go_cpu+=("$cpu")
  read -r size ms cms < <(node "$work/json-node.js")
  node_json+=("$ms") node_cpu+=("$cms")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
gmed=$(awk -v v="$(median "${go_json[@]}")" 'BEGIN { printf "%.2f", v / 1e6 }')
gcpu=$(awk -v v="$(median "${go_cpu[@]}")" 'BEGIN { printf "%.2f", v / 1e3 }')
nmed=$(median "${node_json[@]}") ncpu=$(median "${node_cpu[@]}")
echo
printf '%-44s %10s %10s\n' "JSON-heavy hook ($size-byte profile), per run" "wall ms" "CPU ms"
printf '%-44s %10s %10s\n' "hookterm runner (BenchmarkJSONHeavy)" "$gmed" "$gcpu"
printf '%-44s %10s %10s\n' "node (same hook, warm loop)" "$nmed" "$ncpu"
awk -v h="$gmed" -v n="$nmed" -v hc="$gcpu" -v nc="$ncpu" \
  'BEGIN { printf "hookterm / node (medians): wall %.2f, CPU %.2f\n", h / n, hc / nc }'
