#!/usr/bin/env bash
# Soak: a mixed load at a fixed rate for a fixed time, on loopback, against a fresh server;
# reports every answer that breaks the API's promises (there must be none) and the
# server's memory (RSS) at start and end, with the load average of the machine.
#
#     bash bench/soak.sh                          # 10 minutes at 200 requests/s
#     SOAK_SECONDS=60 bash bench/soak.sh          # a quick run
#
# Settings (environment): SOAK_SECONDS (600), SOAK_RATE requests per second (200): at most
# SOAK_SECONDS * SOAK_RATE requests, sent on a fixed schedule, and never past SOAK_SECONDS
# (a machine too busy to keep the pace sends fewer, and the report says so); SOAK_MEMBERS (80) members of one committee (enough that their ballots stay under the per-member ballot limit),
# SOAK_WORKERS (16) client threads; PROFILE (release) or debug for the binary, or
# OUTNUMBER_BIN for one already built.
#
# The load (bench/soak.py, Python's standard library only): API reads and pages (30 % and
# 15 %), pledges and withdrawals (20 %), open ballots (10 %), secret ballots on a new
# motion every 20 s (5 %), marking notifications read (8 %), event streams opened, read for
# a moment and closed (5 %), incident reports within the per-member limit and
# confirmations of them (7 %), and a bulletin every 20 s.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=${PROFILE:-release}
work=$(mktemp -d -t outnumber-soak.XXXXXX)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${OUTNUMBER_BIN:-}" ]; then
    bin=$OUTNUMBER_BIN
else
    echo "==> building ($profile)"
    if [ "$profile" = release ]; then cargo build --release --quiet; else cargo build --quiet; fi
    bin="${CARGO_TARGET_DIR:-target}/$profile/outnumber"
fi

echo "==> starting the server on a fresh SQLite database"
OUTNUMBER_LOG=${OUTNUMBER_LOG:-warn} "$bin" serve --listen 127.0.0.1:0 \
    --database "sqlite://$work/soak.db" --data-dir "$work" >"$work/stdout" 2>"$work/server.log" &
server=$!
base=
for _ in $(seq 1 240); do
    base=$(sed -nE 's/.*listening on http:\/\/([0-9.:]+).*/\1/p' "$work/stdout" | head -1)
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.25
done
[ -n "$base" ] || { echo "the server did not start" >&2; exit 1; }

echo "==> soak ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
status=0
SOAK_HOST=${base%:*} SOAK_PORT=${base##*:} SOAK_PID=$server \
    SOAK_SETUP_TOKEN=$(sed -nE 's/.*\/setup\/([A-Za-z0-9_-]+).*/\1/p' "$work/stdout" | head -1) \
    python3 bench/soak.py || status=$?
if grep -qiE 'panicked|ERROR' "$work/server.log"; then
    echo "==> the server logged errors:"
    grep -iE 'panicked|ERROR' "$work/server.log" | head -20
    status=1
fi
exit "$status"
