#!/bin/sh
# potdraw's commands side by side with `shuf -n 9` on the same candidate list
# (issue 7's yardstick): wall time (median of the rounds), ratio to shuf, CPU
# time and peak memory (GNU time's maximum resident set size).
#
#   benches/compare.sh [N] [ROUNDS]      # default: 1000000 candidates, 3 rounds
#
# Environment: POTDRAW (the binary; default target/release/potdraw, built with
# `cargo build --release --locked` when missing), WORK (the folder for the
# list and the outputs; default target/compare-N). The list is generated
# deterministically by benches/gen-candidates.awk (ids of 10-20 characters,
# weights 1-5), once per N. Each round runs shuf, commit, draw, verify
# (with --commitment) and the same with k + r = 350 (347 recipients and 3
# reserves), one after the other, so a busy machine slows all of them alike.
# Wall time is measured around /usr/bin/time (which adds about a millisecond).
# Needs /usr/bin/time (GNU time), shuf, awk, and date with %N (GNU coreutils).
set -eu

N=${1:-1000000}
ROUNDS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POTDRAW=${POTDRAW:-$ROOT/target/release/potdraw}
WORK=${WORK:-$ROOT/target/compare-$N}
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "compare.sh: GNU time is needed at $TIME (apt-get install time)" >&2; exit 2; }
if [ ! -x "$POTDRAW" ]; then
    (cd "$ROOT" && cargo build --release --locked -p potdraw-cli)
fi
mkdir -p "$WORK"
CSV=$WORK/candidates.csv
if [ ! -s "$CSV" ]; then
    echo "generating $N candidates into $CSV" >&2
    awk -v n="$N" -f "$ROOT/benches/gen-candidates.awk" >"$CSV.tmp" && mv "$CSV.tmp" "$CSV"
fi
RESULTS=$WORK/results.tsv
: >"$RESULTS"

# run NAME COMMAND...: one timed run; appends "NAME wall cpu rss_kb" to RESULTS.
run() {
    name=$1
    shift
    start=$(date +%s%N)
    if ! "$TIME" -f "%U %S %M" -o "$WORK/time.txt" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        echo "compare.sh: $name failed:" >&2
        cat "$WORK/$name.err" >&2
        exit 1
    fi
    end=$(date +%s%N)
    awk -v n="$name" -v ns=$((end - start)) '{ printf "%s\t%.4f\t%.2f\t%s\n", n, ns / 1e9, $1 + $2, $3 }' \
        "$WORK/time.txt" >>"$RESULTS"
}

ENTROPY="--entropy room=31415231524131521324 --entropy lotto=3,14,15,22,35,41"
for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS" >&2
    run shuf shuf -n 9 "$CSV"
    # The default policy: a pot of 9 grants of 12,000, so 9 recipients, and 3 reserves.
    # The transcript is kept outside the commit folder: `commit --force` refuses a folder
    # that holds a transcript of its commitment (issue 17).
    run commit "$POTDRAW" commit --candidates "$CSV" --pot 108000 --reserves 3 \
        --entropy dice:room --entropy numbers:lotto:6 --created-at 2026-12-01T12:00:00Z --out "$WORK/k9" --force
    # shellcheck disable=SC2086
    run draw "$POTDRAW" draw --commitment "$WORK/k9/public/commitment.json" --seed "$WORK/k9/private/seed" $ENTROPY \
        --out "$WORK/k9-transcript.json" --force
    run verify "$POTDRAW" verify "$WORK/k9-transcript.json" --commitment "$WORK/k9/public/commitment.json"
    run commit-350 "$POTDRAW" commit --candidates "$CSV" --pot 4164000 --recipients 347 --min 1 --max 347 \
        --reserves 3 --entropy dice:room --entropy numbers:lotto:6 --created-at 2026-12-01T12:00:00Z \
        --out "$WORK/k350" --force
    # shellcheck disable=SC2086
    run draw-350 "$POTDRAW" draw --commitment "$WORK/k350/public/commitment.json" --seed "$WORK/k350/private/seed" $ENTROPY \
        --out "$WORK/k350-transcript.json" --force
    run verify-350 "$POTDRAW" verify "$WORK/k350-transcript.json" --commitment "$WORK/k350/public/commitment.json"
done

size() { wc -c <"$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }
echo
echo "$N candidates ($(size "$CSV") CSV), $ROUNDS round(s), medians; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: commitment.json $(size "$WORK/k9/public/commitment.json"), transcript.json $(size "$WORK/k9-transcript.json"), receipts.jsonl $(size "$WORK/k9/private/receipts.jsonl")"
echo
sort -k1,1 -k2,2n "$RESULTS" | awk -F'\t' '
    { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = rss[$1] " " $4; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
    function median(list,    a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        base = median(wall["shuf"])
        printf "| %-10s | %9s | %9s | %8s | %12s |\n", "command", "wall s", "x shuf", "cpu s", "peak RSS MB"
        printf "|%s|%s|%s|%s|%s|\n", "------------", "-----------", "-----------", "----------", "--------------"
        split("shuf commit draw verify commit-350 draw-350 verify-350", names, " ")
        for (i = 1; i <= 7; i++) {
            n = names[i]
            if (!(n in wall)) continue
            w = median(wall[n])
            printf "| %-10s | %9.3f | %9.1f | %8.2f | %12.0f |\n", n, w, (base > 0 ? w / base : 0), median(cpu[n]), median(rss[n]) / 1024
        }
    }'
