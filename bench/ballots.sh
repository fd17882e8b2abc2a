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

case "$backend" in
    sqlite)
        url="sqlite://$work/ballots.db"
        rm -f "$work"/ballots.db*
        ;;
    postgres)
        pg=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
        url="$pg/outnumber_ballots"
        psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS outnumber_ballots WITH (FORCE)" \
            -c "CREATE DATABASE outnumber_ballots"
        ;;
    *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac

tokens="$work/ballot-tokens-$backend.txt"
echo "==> seeding one workplace of $voters members ($backend)"
"$bin" admin seed --accounts "$voters" --committees 1 --councils 2 --pledges 0 \
    --sessions "$voters" --tokens-out "$tokens" --database "$url" 2>/dev/null | tail -1

echo "==> starting the server"
data="$work/ballots-data"
rm -rf "$data"
mkdir -p "$data"
"$bin" serve --listen "127.0.0.1:$port" --database "$url" --data-dir "$data" \
    >"$work/ballots-server-$backend.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done

echo "==> $voters secret ballots, $concurrency at once"
set +e
"$client" --server "127.0.0.1:$port" --tokens "$tokens" --voters "$voters" \
    --concurrency "$concurrency"
status=$?
set -e
kill $server
wait $server 2>/dev/null || true
trap - EXIT
"$bin" admin verify --database "$url" --data-dir "$data" | tail -1
echo "==> $backend, $(nproc) cores, $(date -u +%Y-%m-%d)"
exit $status
