#!/usr/bin/env bash
# Reproduces the hidden-id figures in BENCHMARKS.md, on SQLite (default) or PostgreSQL:
#
#     bash bench/hidden.sh            # SQLite
#     bash bench/hidden.sh postgres   # PostgreSQL at 127.0.0.1:5432, user postgres
#
# It builds the release binary and the client (examples/hidden_ids.rs), starts a server with
# open registration on a fresh database on loopback, and lets the client make a small world
# and compare, route by route, how an outsider is answered for a hidden object and for a
# made-up id: PAIRS pairs each (after WARMUP unmeasured), one request at a time over one
# connection. Loopback only; client and server share the machine's cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

backend=${1:-sqlite}
pairs=${PAIRS:-2000}
warmup=${WARMUP:-200}
port=${PORT:-18092}
work=bench/work
mkdir -p "$work"
[ -e "$work/.gitignore" ] || echo '*' >"$work/.gitignore"

if [ -n "${OUTNUMBER_BIN:-}" ]; then
    echo "==> building the client"
    cargo build --release --quiet --example hidden_ids
    bin=$OUTNUMBER_BIN # another build to compare with
else
    echo "==> building the release binary and the client"
    cargo build --release --quiet --bin outnumber --example hidden_ids
    bin="${CARGO_TARGET_DIR:-target}/release/outnumber"
fi
client="${CARGO_TARGET_DIR:-target}/release/examples/hidden_ids"

fresh_database "$backend" hidden

echo "==> starting the server"
data="$work/hidden-data"
mkdir -p "$data"
start_server "$port" "$work/hidden-server-$backend.log" --data-dir "$data" --open-registration

echo "==> $backend, $(nproc) cores, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$client" --server "127.0.0.1:$port" --pairs "$pairs" --warmup "$warmup"
status=$?
set -e

stop_server
exit $status
