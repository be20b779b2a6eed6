#!/usr/bin/env bash
# Proves the README's run command on a fresh clone of the committed HEAD, as a new user runs it: no
# node_modules, no local.settings.json, nothing built. `dotnet run --project functions` must install and
# start Azurite itself, answer on http://localhost:7071 (health, OpenAPI, API, intake, the README's
# command-line walkthrough up to the escalation, and the UI after its redirects), stop Azurite again
# when the app stops (port 10000 released), and, without Node.js on the PATH, say so in one clear line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
base=http://localhost:7071
work=$(mktemp -d)
clone="$work/clone"
log="$work/run.log"
run_pid=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_run() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM -- "-$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  run_pid=""
}

cleanup() {
  stop_run
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "check-run: $1"
  [ -f "$log" ] && tail -n 50 "$log"
  exit 1
}

# A run on a machine where Azurite or the app already listens would prove nothing.
for port in 7071 10000 10001 10002; do
  if port_open "$port"; then
    fail "port $port is already in use; stop what listens there (another run of the app, an Azurite) and run again"
  fi
done

echo "check-run: cloning $(git -C "$root" rev-parse --short HEAD) into $clone"
git clone --quiet --no-checkout "$root" "$clone"
git -C "$clone" checkout --quiet "$(git -C "$root" rev-parse HEAD)"
[ ! -e "$clone/tools/azurite/node_modules" ] || fail "the clone already has tools/azurite/node_modules"

# In its own process group, so that stopping the run stops everything it started.
(cd "$clone" && MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 exec setsid dotnet run --project functions) >"$log" 2>&1 &
run_pid=$!

# The first run builds everything and installs Azurite: allow for a slow machine.
for _ in $(seq 1 900); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
  kill -0 "$run_pid" 2>/dev/null || fail "the app exited before answering"
  sleep 1
done

curl -fsS -o /dev/null "$base/healthz" || fail "/healthz did not answer within 900 s"
[ -e "$clone/tools/azurite/node_modules/azurite" ] || fail "the app answered without installing Azurite in the clone"
curl -fsS -o /dev/null "$base/openapi/v1.json" || fail "the OpenAPI document is missing"
curl -fsS -o /dev/null -H "X-Dev-User: coordinator.almaty" "$base/api/tasks" || fail "the task API does not answer"
status=$(curl -s -o "$work/accepted.json" -w '%{http_code}' -X POST -H "Content-Type: application/json" -H "X-Dev-User: referrer.almaty" \
  --data "@$clone/functions/samples/referral.json" "$base/api/referrals")
[ "$status" = "202" ] || fail "POST /api/referrals answered $status instead of 202"

# The README's command-line walkthrough: the screener's task shows escalatesAt; moving the development
# clock there escalates it (working day 6) to the region's head of rehabilitation. Node.js, which the
# run needs anyway, reads the JSON.
json() { node -e "const v = JSON.parse(require('fs').readFileSync(0, 'utf8')); const r = ($1); if (r !== undefined && r !== null) console.log(r);"; }
case_id=$(json 'v.caseId' <"$work/accepted.json")
[ -n "$case_id" ] || fail "the 202 of POST /api/referrals names no caseId"
inbox_task() {
  curl -fsS -H "X-Dev-User: $1" "$base/api/tasks" | json "(v.find(t => t.caseId === '$case_id') || {}).$2"
}
# Prints the first non-empty output of the command, trying once a second for up to 120 s.
poll() {
  local value
  for _ in $(seq 1 120); do
    value=$("$@" || true)
    [ -n "$value" ] && { echo "$value"; return; }
    sleep 1
  done
}
escalates_at=$(poll inbox_task coordinator.almaty escalatesAt)
[ -n "$escalates_at" ] || fail "the referral's screening task with its escalatesAt did not reach coordinator.almaty's inbox within 120 s"
status=$(curl -s -o "$work/clock.json" -w '%{http_code}' -X POST -G --data-urlencode "to=$escalates_at" "$base/dev/clock/advance")
[ "$status" = "200" ] || fail "POST /dev/clock/advance?to=$escalates_at answered $status: $(cat "$work/clock.json")"
escalated=$(poll inbox_task headrehab.south taskId)
[ -n "$escalated" ] || fail "after advancing the clock to escalatesAt ($escalates_at) the task did not reach headrehab.south's inbox within 120 s"
ui=$(curl -sL -o /dev/null -w '%{http_code} %{url_effective}' "$base/")
[ "${ui%% *}" = "200" ] || fail "the UI at / answered ${ui} after following its redirects"

# Stop the app itself (not its process group): it must stop the Azurite it started.
app_pid=$(pgrep -P "$run_pid" -f Workflows.Functions | head -n 1 || true)
[ -n "$app_pid" ] || fail "could not find the app's process under dotnet run"
kill -TERM "$app_pid"
for _ in $(seq 1 60); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 1
done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not stop within 60 s of SIGTERM"
for _ in $(seq 1 20); do
  port_open 10000 || break
  sleep 0.5
done
port_open 10000 && fail "port 10000 is still in use after the app stopped: Azurite was left running"
stop_run

# Without Node.js: one clear line and a failing exit code, not a stack trace. The PATH holds dotnet only.
nodeless="$work/nodeless-bin"
mkdir -p "$nodeless"
ln -s "$(command -v dotnet)" "$nodeless/dotnet"
err="$work/nodeless.err"
set +e
(cd "$clone/functions" && env -i HOME="$HOME" PATH="$nodeless" ASPNETCORE_ENVIRONMENT=Development DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  "$nodeless/dotnet" bin/Debug/net10.0/Workflows.Functions.dll >/dev/null 2>"$err")
code=$?
set -e
[ "$code" -ne 0 ] || fail "without Node.js the app exited with 0"
[ "$(grep -c . "$err")" = "1" ] || fail "without Node.js the app printed $(grep -c . "$err") lines on stderr instead of one: $(head -c 2000 "$err")"
grep -q "Node.js is required" "$err" || fail "without Node.js the app said: $(cat "$err")"

echo "check-run: a fresh clone's run command installed and started Azurite, answered on $base (health, OpenAPI, API, intake, the README's escalation walkthrough, UI), released port 10000 on stop, and without Node.js said: $(cat "$err")"
