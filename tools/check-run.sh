#!/usr/bin/env bash
# Proves the README's run command on a fresh clone of the committed HEAD, as a new user runs it: no
# node_modules, no local.settings.json, nothing built. `dotnet run --project functions` must install and
# start Azurite itself, answer on http://localhost:7071 (health, OpenAPI, API, intake, and the UI after
# its redirects), stop Azurite again when the app stops (port 10000 released), and, without Node.js on
# the PATH, say so in one clear line.
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
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: application/json" -H "X-Dev-User: referrer.almaty" \
  --data "@$clone/functions/samples/referral.json" "$base/api/referrals")
[ "$status" = "202" ] || fail "POST /api/referrals answered $status instead of 202"
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

echo "check-run: a fresh clone's run command installed and started Azurite, answered on $base (health, OpenAPI, API, intake, UI), released port 10000 on stop, and without Node.js said: $(cat "$err")"
