#!/usr/bin/env bash
# Reproduces the incident-alert figures in BENCHMARKS.md, on SQLite (default) or PostgreSQL:
#
#     bash bench/alerts.sh            # SQLite
#     bash bench/alerts.sh postgres   # PostgreSQL at 127.0.0.1:5432, user postgres
#
# It builds the release binary and the load client (examples/sse_alerts.rs), seeds a network
# in which every account is in the reach of one incident (workplaces of about 20 members, all
# affiliated to one council), starts the server on loopback with a raised open-file limit,
# opens CLIENTS live event streams (GET /api/v1/events) with distinct bearer tokens, and once
# all are connected reports REPORTS incidents (urgency "now"), each by a different member,
# SPACING_MS apart. For each alert it prints how many streams heard it and the latency
# percentiles from the report's acknowledgement, and the server's memory idle and holding the
# streams. Loopback only; client and server share the machine's cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

backend=${1:-sqlite}
clients=${CLIENTS:-10000}
reports=${REPORTS:-5}
spacing_ms=${SPACING_MS:-3000}
per_committee=${PER_COMMITTEE:-20}
client_threads=${CLIENT_THREADS:-1}
port=${PORT:-18091}
work=bench/work
mkdir -p "$work"
[ -e "$work/.gitignore" ] || echo '*' >"$work/.gitignore"

# Both processes hold one descriptor per stream.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((clients + 1000)) ]; then
    echo "the open-file limit ($(ulimit -n)) is too low for $clients streams" >&2
    exit 1
fi

echo "==> building the release binary and the load client"
cargo build --release --quiet --bin outnumber --example sse_alerts
bin="${CARGO_TARGET_DIR:-target}/release/outnumber"
client="${CARGO_TARGET_DIR:-target}/release/examples/sse_alerts"

fresh_database "$backend" alerts

# Listeners first, then the reporters; a session for everyone, token i for account i. With
# two councils, every workplace is affiliated to the second (the first is the network's top),
# so a report from any workplace reaches every account.
accounts=$((clients + reports))
committees=$(((accounts + per_committee - 1) / per_committee))
tokens="$work/alert-tokens-$backend.txt"
echo "==> seeding $accounts accounts in $committees workplaces under one council ($backend)"
started=$SECONDS
"$bin" admin seed --accounts "$accounts" --committees "$committees" --councils 2 --pledges 0 \
    --sessions "$accounts" --tokens-out "$tokens" --database "$url" 2>/dev/null | tail -1
seed_seconds=$((SECONDS - started))

echo "==> starting the server"
data="$work/alerts-data"
mkdir -p "$data"
start_server "$port" "$work/alerts-server-$backend.log" --data-dir "$data"
sleep 2

echo "==> $clients live streams, $reports alerts $spacing_ms ms apart"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
"$client" --server "127.0.0.1:$port" --tokens "$tokens" --clients "$clients" --reports "$reports" \
    --spacing-ms "$spacing_ms" --server-pid "$server" --threads "$client_threads"
status=$?
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

stop_server
cat <<SUMMARY

==> $backend, $(nproc) cores, $(date -u +%Y-%m-%d), seeded in ${seed_seconds}s
load average (1, 5, 15 min): $load_before before the streams, $load_after after the alerts
SUMMARY
exit $status
