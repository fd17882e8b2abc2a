#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md, on SQLite (default) or PostgreSQL:
#
#     bash bench/run.sh            # SQLite
#     bash bench/run.sh postgres   # PostgreSQL at 127.0.0.1:5432, user postgres
#
# It builds the release binary, seeds a network at general-strike scale (once; the seeded
# database is kept in bench/work/ for the next run), starts the server on loopback, and
# measures with wrk: /healthz, pledge/withdraw writes, and reading a council action's counts,
# alone and while pledges to it pour in. Sizes and durations can be changed through the
# environment (see below; OUTNUMBER_BIN runs another build instead). Loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

backend=${1:-sqlite}
accounts=${ACCOUNTS:-1000000}
committees=${COMMITTEES:-50000}
councils=${COUNCILS:-2000}
pledges=${PLEDGES:-1000000}
sessions=${SESSIONS:-100000}
duration=${DURATION:-15}
threads=${THREADS:-2}
write_connections=${WRITE_CONNECTIONS:-256}
read_connections=${READ_CONNECTIONS:-32}
port=${PORT:-18090}
work=bench/work
mkdir -p "$work"

command -v wrk >/dev/null || {
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q wrk; else sudo -n apt-get install -y -q wrk; fi
}

if [ -n "${OUTNUMBER_BIN:-}" ]; then
    bin=$OUTNUMBER_BIN # another build to compare with
else
    echo "==> building the release binary"
    cargo build --release --quiet
    bin="${CARGO_TARGET_DIR:-target}/release/outnumber"
fi

case "$backend" in
    sqlite) url="sqlite://$work/bench.db" ;;
    postgres)
        pg=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
        url="$pg/outnumber_bench" ;;
    *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
esac

plan="$backend $accounts $committees $councils $pledges $sessions"
marker="$work/seeded-$backend"
if [ "$(cat "$marker" 2>/dev/null | head -1)" != "$plan" ]; then
    echo "==> seeding $accounts accounts, $committees committees, $councils councils, $pledges pledges ($backend)"
    if [ "$backend" = sqlite ]; then
        rm -f "$work"/bench.db*
    else
        psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS outnumber_bench WITH (FORCE)" -c "CREATE DATABASE outnumber_bench"
    fi
    started=$SECONDS
    out=$("$bin" admin seed --accounts "$accounts" --committees "$committees" --councils "$councils" \
        --pledges "$pledges" --sessions "$sessions" --tokens-out "$work/tokens-$backend.txt" --database "$url" | tail -1)
    echo "$out"
    big=$(sed -E 's/.*action with pledges ([0-9a-f]{16}).*/\1/' <<<"$out")
    write=$(sed -E 's/.*action to pledge against ([0-9a-f]{16}).*/\1/' <<<"$out")
    printf '%s\n%s\n%s\n%s\n' "$plan" "$big" "$write" "$((SECONDS - started))" >"$marker"
fi
big=$(sed -n 2p "$marker")
write=$(sed -n 3p "$marker")
seed_seconds=$(sed -n 4p "$marker")
tokens="$work/tokens-$backend.txt"

echo "==> starting the server"
# A request line each at info would measure the log as much as the server.
OUTNUMBER_LOG=${OUTNUMBER_LOG:-warn} "$bin" serve --listen "127.0.0.1:$port" --database "$url" --data-dir "$work" >"$work/server-$backend.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
sleep 3
idle_rss=$(rss)

run_wrk() { wrk --timeout 10s "$@" 2>&1; }
rate() { awk '/Requests\/sec/ { print $2 }' <<<"$1"; }
errors() {
    awk '/Non-2xx or 3xx responses/ { n += $5 } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$1"
}

echo "==> /healthz for ${duration}s"
health=$(run_wrk -t"$threads" -c"$write_connections" -d"${duration}s" "http://127.0.0.1:$port/healthz")
echo "$health"

echo "==> pledge and withdraw for ${duration}s"
writes=$(TOKENS="$tokens" ACTION="$write" THREADS="$threads" run_wrk -t"$threads" -c"$write_connections" \
    -d"${duration}s" -s bench/pledge.lua "http://127.0.0.1:$port")
echo "$writes"

echo "==> GET /api/v1/actions/{id} of the council action with $pledges pledges, for ${duration}s"
reads=$(TOKENS="$tokens" ACTION="$big" run_wrk -t"$threads" -c"$read_connections" -d"${duration}s" --latency \
    -s bench/get.lua "http://127.0.0.1:$port")
echo "$reads"

echo "==> GET of the action being pledged to, while pledges pour in, for ${duration}s"
TOKENS="$tokens" ACTION="$write" THREADS=1 wrk --timeout 10s -t1 -c"$write_connections" -d"${duration}s" \
    -s bench/pledge.lua "http://127.0.0.1:$port" >"$work/mixed-writes.txt" 2>&1 &
mixed_writer=$!
mixed=$(TOKENS="$tokens" ACTION="$write" run_wrk -t1 -c"$read_connections" -d"${duration}s" --latency \
    -s bench/get.lua "http://127.0.0.1:$port")
wait $mixed_writer
mixed_writes=$(cat "$work/mixed-writes.txt")
echo "$mixed"
echo "$mixed_writes"
busy_rss=$(rss)

kill $server
wait $server 2>/dev/null || true
trap - EXIT
echo "==> recounting every action from its pledges"
"$bin" admin verify --database "$url" --data-dir "$work"

health_rate=$(rate "$health")
write_rate=$(rate "$writes")
p99=$(awk '/ 99%/ { print $2 }' <<<"$reads")
ratio=$(awk -v w="$write_rate" -v h="$health_rate" 'BEGIN { printf "%.2f", w / h }')
cat <<SUMMARY

==> summary ($backend, $(nproc) cores, $(date -u +%Y-%m-%d))
seeded:                         $accounts accounts, $committees committees, $councils councils, $pledges pledges (in ${seed_seconds}s)
/healthz:                       $health_rate requests/s, $(errors "$health") errors
pledge/withdraw:                $write_rate writes/s, $(errors "$writes") errors, $ratio of /healthz
GET council action (p99):       $p99
GET while pledging (p99):       $(awk '/ 99%/ { print $2 }' <<<"$mixed"), $(rate "$mixed") reads/s, $(errors "$mixed") errors; meanwhile $(rate "$mixed_writes") writes/s, $(errors "$mixed_writes") errors
memory (RSS):                   ${idle_rss} MB idle after start, ${busy_rss} MB after the runs
SUMMARY
