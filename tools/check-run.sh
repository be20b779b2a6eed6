#!/usr/bin/env bash
# Proves the README's run command: starts `dotnet run --project functions` as a new user would, waits
# for http://localhost:7071, checks the health endpoint, the UI and the API, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet run --project functions >"$log" 2>&1 &
pid=$!
cleanup() {
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null http://localhost:7071/healthz 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "The app exited before answering:"; cat "$log"; exit 1; fi
  sleep 1
done

fail() { echo "check-run: $1"; tail -n 50 "$log"; exit 1; }
curl -fsS http://localhost:7071/healthz >/dev/null || fail "/healthz did not answer within 180 s"
curl -fsS -o /dev/null http://localhost:7071/openapi/v1.json || fail "the OpenAPI document is missing"
curl -fsS -o /dev/null -H "X-Dev-User: coordinator.almaty" http://localhost:7071/api/tasks || fail "the task API does not answer"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: application/json" -H "X-Dev-User: referrer.almaty" \
  --data @functions/samples/referral.json http://localhost:7071/api/referrals)
[ "$status" = "202" ] || fail "POST /api/referrals answered $status instead of 202"
ui=$(curl -s -o /dev/null -w '%{http_code}' http://localhost:7071/)
case "$ui" in 200|302) ;; *) fail "the UI at / answered $ui" ;; esac
echo "check-run: the README's run command answers on http://localhost:7071 (health, OpenAPI, API, intake, UI)"
