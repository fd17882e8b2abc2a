#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ and runs each for a while (README.md, "Fuzzing").
#
#     bash scripts/fuzz-targets.sh                        # every target, 20 s each
#     FUZZ_SECONDS=600 bash scripts/fuzz-targets.sh markdown
#
# cargo-fuzz (`cargo install cargo-fuzz --locked`) needs nightly features; on the stable
# toolchain RUSTC_BOOTSTRAP=1 allows them. The targets are built unoptimised and without a
# sanitizer (`--dev --sanitizer none`: the code is safe Rust, and this builds in a fraction
# of the time) into $CARGO_TARGET_DIR/fuzz (target/fuzz by default), apart from the
# ordinary build so that neither rebuilds the other's artifacts, and kept with it by a CI
# cache; each target's corpus grows there too (corpus/TARGET), so later runs start where
# earlier ones stopped. Targets run side by side, as many at once as there are cores
# (FUZZ_JOBS). Exits non-zero when a target fails; the input that failed it is saved in
# fuzz/artifacts/TARGET/ (reproduce with `cargo fuzz run --dev --sanitizer none TARGET FILE`
# in fuzz/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

seconds=${FUZZ_SECONDS:-20}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
target_dir=${CARGO_TARGET_DIR:-$root/target}
case $target_dir in /*) ;; *) target_dir=$root/$target_dir ;; esac
target_dir=$target_dir/fuzz
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || {
    echo "cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
}

# web_input must parse every request body the API declares; a type added to the API and
# not to the target would go unfuzzed without anyone noticing.
missing=
for type in $(grep -ohE 'request_body(\(content)? = (Option<)?[A-Za-z_]+' src/*/api.rs |
    sed -E 's/.*[=<] ?//' | sort -u); do
    grep -qE "::$type,?\$" fuzz/fuzz_targets/web_input.rs || missing="$missing $type"
done
if [ -n "$missing" ]; then
    echo "fuzz/fuzz_targets/web_input.rs does not parse these request bodies:$missing" >&2
    exit 1
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cd fuzz && cargo fuzz list)
fi

echo "==> building ${targets[*]} into $target_dir"
(cd fuzz && cargo fuzz build --dev --sanitizer none --target-dir "$target_dir")
bin=$target_dir/x86_64-unknown-linux-gnu/debug

echo "==> running each for ${seconds}s, $jobs at a time"
logs=$(mktemp -d -t outnumber-fuzz.XXXXXX)
trap 'rm -rf "$logs"' EXIT
run() { # TARGET
    mkdir -p "$target_dir/corpus/$1" "fuzz/artifacts/$1"
    "$bin/$1" "$target_dir/corpus/$1" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$1/" >"$logs/$1.log" 2>&1
}
report() { # TARGET STATUS
    local runs
    runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$logs/$1.log" | tail -1)
    if [ "$2" -eq 0 ]; then
        printf '    %-14s %s runs, corpus %s inputs\n' "$1" "${runs:-?}" \
            "$(find "$target_dir/corpus/$1" -type f | wc -l)"
    else
        printf '    %-14s FAILED (exit %s):\n' "$1" "$2" >&2
        tail -40 "$logs/$1.log" >&2
    fi
}

failed=0
declare -A running=()
for target in "${targets[@]}"; do
    while [ "${#running[@]}" -ge "$jobs" ]; do
        status=0
        wait -n -p done_pid "${!running[@]}" || status=$?
        report "${running[$done_pid]}" "$status"
        [ "$status" -eq 0 ] || failed=1
        unset "running[$done_pid]"
    done
    run "$target" &
    running[$!]=$target
done
for pid in "${!running[@]}"; do
    status=0
    wait "$pid" || status=$?
    report "${running[$pid]}" "$status"
    [ "$status" -eq 0 ] || failed=1
done
exit "$failed"
