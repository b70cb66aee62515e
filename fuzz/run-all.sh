#!/bin/sh
# Runs every fuzz target for SECONDS (default 600) one after the other,
# niced, logging to LOGDIR (default /work/fuzz-logs or ./fuzz-logs).
# Usage: fuzz/run-all.sh [SECONDS] [LOGDIR]
set -u
secs=${1:-600}
logs=${2:-$(pwd)/fuzz-logs}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$logs"
cd "$root/fuzz"
[ -d corpus ] || ./seed-corpus.sh
for t in candidates_csv commitment_json transcript_json receipt_code entropy_values receipts_line beacon_json; do
  echo "$(date -u +%FT%TZ) start $t" >> "$logs/summary.log"
  nice -n 15 cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 \
    > "$logs/$t.log" 2>&1
  rc=$?
  echo "$(date -u +%FT%TZ) end $t rc=$rc $(grep -E '^(#[0-9]+|Done)' "$logs/$t.log" | tail -1)" >> "$logs/summary.log"
done
echo "$(date -u +%FT%TZ) all done" >> "$logs/summary.log"
