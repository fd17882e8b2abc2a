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

case "$backend" in
    sqlite)
        url="sqlite://$work/hidden.db"
        rm -f "$work"/hidden.db*
        ;;
    postgres)
        pg=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
        url="$pg/outnumber_hidden"
        psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS outnumber_hidden WITH (FORCE)" \
            -c "CREATE DATABASE outnumber_hidden"
        ;;
    *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac

echo "==> starting the server"
data="$work/hidden-data"
mkdir -p "$data"
"$bin" serve --listen "127.0.0.1:$port" --database "$url" --data-dir "$data" --open-registration \
    >"$work/hidden-server-$backend.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done

echo "==> $backend, $(nproc) cores, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$client" --server "127.0.0.1:$port" --pairs "$pairs" --warmup "$warmup"
status=$?
set -e

kill $server
wait $server 2>/dev/null || true
trap - EXIT
exit $status
