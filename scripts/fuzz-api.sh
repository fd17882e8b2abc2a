#!/usr/bin/env bash
# Property-based fuzzing of the whole JSON API from its own OpenAPI document, with
# schemathesis (PyPI): every operation gets generated requests, valid and invalid, and every
# answer must be no 5xx, have a status the document lists for it, and match its schema.
#
#     bash scripts/fuzz-api.sh              # 30 examples per operation
#     EXAMPLES=200 bash scripts/fuzz-api.sh # deeper
#     OUTNUMBER_BIN=path/to/outnumber bash scripts/fuzz-api.sh   # a binary already built
#
# It builds the debug binary, starts it on loopback with a fresh SQLite database (open
# registration), registers an account (the first administrator) and a committee so that
# requests are signed in and some ids are real, and runs schemathesis against it. Loopback
# only; bounded by EXAMPLES per operation and by MAX_SECONDS in all. Needs `schemathesis`
# (`pip install schemathesis`). Exits non-zero when schemathesis finds a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

examples=${EXAMPLES:-30}
max_seconds=${MAX_SECONDS:-600}
seed=${SEED:-$RANDOM}
work=$(mktemp -d -t outnumber-fuzz-api.XXXXXX)
server=

cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

command -v schemathesis >/dev/null || { echo "schemathesis is missing: pip install schemathesis" >&2; exit 2; }

if [ -n "${OUTNUMBER_BIN:-}" ]; then
    bin=$OUTNUMBER_BIN
else
    echo "==> building"
    # The binary as `cargo test` builds it (the same features), so that after the tests
    # nothing is built again.
    cargo test --quiet --no-run --test cli
    bin="${CARGO_TARGET_DIR:-target}/debug/outnumber"
fi

echo "==> starting the server on a fresh database"
OUTNUMBER_LOG=${OUTNUMBER_LOG:-warn} "$bin" serve --listen 127.0.0.1:0 --open-registration \
    --database "sqlite://$work/fuzz.db" --data-dir "$work" >"$work/stdout" 2>"$work/server.log" &
server=$!
base=
for _ in $(seq 1 240); do
    base=$(sed -nE 's/.*listening on (http:\/\/[0-9.:]+).*/\1/p' "$work/stdout" | head -1)
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.25
done
[ -n "$base" ] || { echo "the server did not start" >&2; exit 1; }
setup=$(sed -nE 's/.*\/setup\/([A-Za-z0-9_-]+).*/\1/p' "$work/stdout" | head -1)

api() { # METHOD PATH [JSON] [TOKEN]
    curl -fsS -X "$1" "$base/api/v1$2" -H 'content-type: application/json' \
        ${4:+-H "authorization: Bearer $4"} ${3:+-d "$3"}
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

password=correct-horse-battery
api POST /accounts "{\"handle\":\"fuzzer\",\"password\":\"$password\",\"setup_token\":\"$setup\"}" >/dev/null
token=$(api POST /sessions "{\"handle\":\"fuzzer\",\"password\":\"$password\"}" | json_field "['token']")
committee=$(api POST /committees '{"name":"Fuzz Depot","kind":"workplace","workplace_type":"depot","industry":"logistics","region":"Minneapolis"}' "$token" | json_field "['id']")
echo "    signed in; committee $committee"

echo "==> schemathesis: $examples examples per operation, seed $seed, at most ${max_seconds}s"
# Excluded: the event streams (they never end by design) and logging out (it would end the
# session every other request signs in with).
status=0
timeout --signal=INT "$max_seconds" schemathesis run "$base/api/v1/openapi.json" \
    --url "$base/api/v1" \
    --header "Authorization: Bearer $token" \
    --checks "${CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,ignored_auth,unsupported_method}" \
    --phases examples,coverage,fuzzing \
    --max-examples "$examples" \
    --seed "$seed" \
    --request-timeout 10 \
    --workers 1 \
    --exclude-path-regex '(/stream$|^/events$)' \
    --exclude-operation-id log_out \
    --suppress-health-check all \
    --generation-database none \
    --warnings off \
    --report junit --report-dir "${REPORT_DIR:-$work/report}" || status=$?

if grep -qiE 'panicked|internal error' "$work/server.log"; then
    echo "==> the server logged failures:" >&2
    grep -iE 'panicked|internal error' "$work/server.log" | head -20 >&2
    status=1
fi
exit "$status"
