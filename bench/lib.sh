# Shared by the benchmark scripts (source it after `cd` to the repository root and setting
# `work`): a fresh database per run, and a server started on loopback.

# Sets `url` to a fresh database named NAME on BACKEND (sqlite|postgres), and `pg` to the
# PostgreSQL server's URL.
fresh_database() {
    local backend=$1 name=$2
    case "$backend" in
        sqlite)
            url="sqlite://$work/$name.db"
            rm -f "$work/$name".db*
            ;;
        postgres)
            pg=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
            url="$pg/outnumber_$name"
            psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS outnumber_$name WITH (FORCE)" \
                -c "CREATE DATABASE outnumber_$name"
            ;;
        *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
    esac
}

# Starts `$bin serve` on 127.0.0.1:PORT with the database `url`, logging to LOG, with any
# further arguments; sets `server` to its process id, stops it when the script exits, and
# waits until /healthz answers.
start_server() {
    local port=$1 log=$2
    shift 2
    # A request line each at info would measure the log as much as the server.
    OUTNUMBER_LOG=${OUTNUMBER_LOG:-warn} "$bin" serve --listen "127.0.0.1:$port" --database "$url" "$@" >"$log" 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "the server did not answer on port $port; its log: $log" >&2
    exit 1
}

# Stops the server `start_server` started.
stop_server() {
    kill "$server"
    wait "$server" 2>/dev/null || true
    trap - EXIT
}
