#!/usr/bin/env bash
# Secret ballots in one large committee, on SQLite (default) or PostgreSQL:
#
#     bash bench/ballots.sh            # SQLite
#     bash bench/ballots.sh postgres   # PostgreSQL at 127.0.0.1:5432, user postgres
#
# It builds the release binary and the load client (examples/secret_ballots.rs), seeds one
# workplace of VOTERS members (2,000 by default) with a session each, starts the server on
# loopback, moves a secret motion and has every member cast a ballot, CONCURRENCY at once
# (64). Each ballot rewrites the motion's participation rows and erases the database's
# history twice (ARCHITECTURE.md, "Secret ballots on disk"), so the cost grows with the
# turnout: the figures are for the whole vote. Then `outnumber admin verify`. Loopback
# only; client and server share the machine's cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

backend=${1:-sqlite}
voters=${VOTERS:-2000}
concurrency=${CONCURRENCY:-64}
port=${PORT:-18092}
work=bench/work
mkdir -p "$work"
[ -e "$work/.gitignore" ] || echo '*' >"$work/.gitignore"

echo "==> building the release binary and the load client"
cargo build --release --quiet --bin outnumber --example secret_ballots
bin="${CARGO_TARGET_DIR:-target}/release/outnumber"
client="${CARGO_TARGET_DIR:-target}/release/examples/secret_ballots"

fresh_database "$backend" ballots

tokens="$work/ballot-tokens-$backend.txt"
echo "==> seeding one workplace of $voters members ($backend)"
"$bin" admin seed --accounts "$voters" --committees 1 --councils 2 --pledges 0 \
    --sessions "$voters" --tokens-out "$tokens" --database "$url" 2>/dev/null | tail -1

echo "==> starting the server"
data="$work/ballots-data"
rm -rf "$data"
mkdir -p "$data"
start_server "$port" "$work/ballots-server-$backend.log" --data-dir "$data"

echo "==> $voters secret ballots, $concurrency at once"
set +e
"$client" --server "127.0.0.1:$port" --tokens "$tokens" --voters "$voters" \
    --concurrency "$concurrency"
status=$?
set -e
stop_server
"$bin" admin verify --database "$url" --data-dir "$data" | tail -1
echo "==> $backend, $(nproc) cores, $(date -u +%Y-%m-%d)"
exit $status
