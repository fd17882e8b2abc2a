#!/usr/bin/env bash
# Property-based fuzzing of the whole JSON API from its own OpenAPI document, with
# schemathesis (PyPI): every operation gets generated requests, valid and invalid, and every
# answer must be no 5xx, have a status the document lists for it, and match its schema.
#
#     bash scripts/fuzz-api.sh              # 30 examples per operation
#     EXAMPLES=200 bash scripts/fuzz-api.sh # deeper
#     OUTNUMBER_BIN=path/to/outnumber bash scripts/fuzz-api.sh   # a binary already built
#
#     SEED=1 bash scripts/fuzz-api.sh       # the same requests again (CI fixes the seed)
#
# It builds the debug binary, starts it on loopback with a fresh SQLite database (open
# registration), signs in as the first administrator and makes something real behind every
# kind of id (committee, council, member, invite, demand, motion, meeting, action, bulletin,
# incident), which schemathesis puts into the paths (a configuration file of per-operation
# path parameters), so that `{id}` operations are fuzzed past their 404. Loopback only;
# bounded by EXAMPLES per operation (not by time: a slow machine takes longer, it does not
# fail). Needs `schemathesis` 4 (`pip install schemathesis`). Exits non-zero when
# schemathesis finds a failure or the server logs one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

examples=${EXAMPLES:-30}
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
: >"$work/stdout" # read below before the server may have opened it
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

# Something real behind every kind of id, so that operations on `{id}` reach their checks
# instead of all answering 404: a workplace committee affiliated to a council, two more
# members, an invite, and in the committee a demand, a motion, a meeting, an action, a
# bulletin and an incident. What a request can end for good (removing a member, closing the
# motion, cancelling the action, resolving the incident or withdrawing it as a false alarm)
# gets one of its own, so that the operations fuzzed after it still find theirs open.
later() { python3 -c "import datetime as d; print((d.datetime.now(d.timezone.utc) + d.timedelta(hours=$1)).strftime('%Y-%m-%dT%H:%M:%SZ'))"; }
committee=$(api POST /committees '{"name":"Fuzz Depot","kind":"workplace","workplace_type":"depot","industry":"logistics","region":"Minneapolis"}' "$token" | json_field "['id']")
council=$(api POST /committees '{"name":"Fuzz Council","kind":"council"}' "$token" | json_field "['id']")
affiliation=$(api POST "/committees/$council/invites" '{"kind":"affiliation"}' "$token" | json_field "['code']")
api POST "/committees/$committee/affiliations" "{\"code\":\"$affiliation\"}" "$token" >/dev/null
joining=$(api POST "/committees/$committee/invites" '{"max_uses":2}' "$token" | json_field "['code']")
join() { api POST /accounts "{\"handle\":\"$1\",\"password\":\"$password\",\"invite\":\"$joining\"}" | json_field "['id']"; }
member=$(join fuzzed-member)
member_removed=$(join fuzzed-leaver)
invite_json=$(api POST "/committees/$committee/invites" '{"max_uses":5}' "$token")
invite=$(json_field "['id']" <<<"$invite_json")
code=$(json_field "['code']" <<<"$invite_json")
demand=$(api POST "/committees/$committee/demands" '{"title":"A fair schedule","body":"Two weeks notice of every shift."}' "$token" | json_field "['id']")
motion() { api POST "/committees/$committee/motions" "{\"kind\":\"decision\",\"title\":\"$1\",\"ballot\":\"open\",\"closes_at\":\"$(later 48)\"}" "$token" | json_field "['id']"; }
motion_open=$(motion "Meet on Fridays")
motion_closing=$(motion "Meet on Mondays")
meeting=$(api POST "/committees/$committee/meetings" "{\"title\":\"Monthly meeting\",\"starts_at\":\"$(later 24)\",\"location\":\"Break room\",\"agenda\":[\"Schedules\"]}" "$token" | json_field "['id']")
action() { api POST "/committees/$committee/actions" "{\"title\":\"$1\",\"kind\":\"walkout\",\"starts_at\":\"$(later 72)\",\"public\":true,\"threshold\":{\"pledges\":1000}}" "$token" | json_field "['id']"; }
action_open=$(action "Walk out for the schedule")
action_cancelled=$(action "Walk out on Monday")
bulletin=$(api POST "/committees/$committee/bulletins" '{"title":"Meeting moved","body":"To the *break room*.","audience":"members"}' "$token" | json_field "['id']")
incident() { api POST "/committees/$committee/incidents" "{\"kind\":\"staging\",\"summary\":\"$1\",\"location\":\"Gate 3\",\"urgency\":\"info\"}" "$token" | json_field "['id']"; }
incident_open=$(incident "Security gathering at the gate")
incident_resolved=$(incident "Managers photographing the notice board")
incident_false=$(incident "Vans at the loading dock")
echo "    signed in; committee $committee in council $council, member $member"

# Path parameters per operation (schemathesis.toml: `[[operations]]` with `parameters`).
config=$work/schemathesis.toml
{
    # No state kept between runs (it would land in .schemathesis/ in the repository).
    printf '[cache]\nenabled = false\n\n'
    # A body over the server's limit is refused with 413 before it is read: a rejection too.
    printf '[checks.negative_data_rejection]\nexpected-statuses = [%s]\n\n' \
        '"400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"'
    # Fixed wherever they appear.
    printf '[parameters]\n"path.council_id" = "%s"\n"path.account_id" = "%s"\n"path.invite_id" = "%s"\n"path.code" = "%s"\n\n' \
        "$council" "$member" "$invite" "$code"
    # An operation's name is `METHOD /path`; the first entry that matches it decides.
    operation() { # NAME_REGEX ID [PARAMETER VALUE]
        printf "[[operations]]\ninclude-name-regex = '%s'\n" "$1"
        printf 'parameters = { "path.id" = "%s"%s }\n\n' "$2" "${3:+, \"path.$3\" = \"$4\"}"
    }
    operation '^DELETE /committees/{id}/members/{account_id}$' "$committee" account_id "$member_removed"
    operation '^[A-Z]+ /committees/{id}' "$committee"
    operation '^[A-Z]+ /demands/{id}' "$demand"
    operation '^POST /motions/{id}/close$' "$motion_closing"
    operation '^[A-Z]+ /motions/{id}' "$motion_open"
    operation '^[A-Z]+ /meetings/{id}' "$meeting"
    operation '^POST /actions/{id}/cancel$' "$action_cancelled"
    operation '^[A-Z]+ (/public)?/actions/{id}' "$action_open"
    operation '^[A-Z]+ /bulletins/{id}' "$bulletin"
    operation '^POST /incidents/{id}/false-alarm$' "$incident_false"
    operation '^POST /incidents/{id}/resolve$' "$incident_resolved"
    operation '^[A-Z]+ /incidents/{id}' "$incident_open"
} >"$config"

echo "==> schemathesis: $examples examples per operation, seed $seed"
# Excluded: the event streams (they never end by design) and logging out (it would end the
# session every other request signs in with). Bounded by the number of examples, not by
# time: a slow machine takes longer, it does not fail.
status=0
schemathesis --config-file "$config" run "$base/api/v1/openapi.json" \
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
