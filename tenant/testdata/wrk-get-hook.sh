#!/usr/bin/env bash
# Load test of GET /api/v2/hooks/{id} on `hookterm serve` over loopback with wrk
# (apt-get install wrk). Usage: bash tenant/testdata/wrk-get-hook.sh [seconds] [connections]
# Run from the repository root. Everything stays on 127.0.0.1 and stops by itself.
set -euo pipefail
secs=${1:-10}
conns=${2:-32}
port=4597
work=$(mktemp -d)
trap 'kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/hookterm" .
"$work/hookterm" serve --data "$work/data" --addr "127.0.0.1:$port" --rate-limit=-1 >"$work/serve.out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q ready "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
id=$(awk '/client id:/ {print $3}' "$work/serve.out")
secret=$(awk '/client secret:/ {print $3}' "$work/serve.out")
token=$(curl -s -X POST "http://127.0.0.1:$port/oauth/token" -d grant_type=client_credentials \
  -d "client_id=$id" -d "client_secret=$secret" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
hook=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v2/hooks?fields=id&per_page=1" |
  sed 's/.*"id":"\([^"]*\)".*/\1/')
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$conns" -d"${secs}s" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v2/hooks/$hook"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
