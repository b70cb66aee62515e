#!/bin/sh
# Builds the fuzz seed corpus from fixtures/ (run from anywhere).
# corpus/<target>/ is not committed: it grows while fuzzing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
c="$root/fuzz/corpus"
mkdir -p "$c/candidates_csv" "$c/commitment_json" "$c/transcript_json" "$c/receipt_code" "$c/entropy_values" "$c/receipts_line"
n=0
for f in $(find "$root/fixtures" -name '*.csv'); do n=$((n+1)); cp "$f" "$c/candidates_csv/fixture-$n.csv"; done
for f in $(find "$root/fixtures" -name 'commitment.json'); do n=$((n+1)); cp "$f" "$c/commitment_json/fixture-$n.json"; done
for f in $(find "$root/fixtures" -name '*.json' ! -name 'commitment.json'); do n=$((n+1)); cp "$f" "$c/transcript_json/fixture-$n.json"; done
# Every transcript embeds a commitment; the commitment target gets those too.
for f in $(find "$root/fixtures" -name 'transcript*.json'); do
  n=$((n+1)); python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["commitment"], indent=2))' "$f" > "$c/commitment_json/embedded-$n.json" 2>/dev/null || true
done
for f in $(find "$root/fixtures" -name 'receipts.jsonl'); do
  i=0
  while IFS= read -r line; do
    i=$((i+1)); [ $i -le 20 ] || break
    printf '%s' "$line" > "$c/receipts_line/$(basename "$(dirname "$f")")-$i.json"
    # The code as a participant types it.
    printf '%s' "$line" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p' > "$c/receipt_code/$(basename "$(dirname "$f")")-$i.txt"
  done < "$f"
done
printf 'dice:room:20d6\n31415 26535 89793 23846\n' > "$c/entropy_values/dice"
printf 'dice:d10:5d10\n90210\n' > "$c/entropy_values/d10"
printf 'text:lotto-2026-12-05\n3 14 15 22 35 41\n' > "$c/entropy_values/text"
printf 'numbers:lotto\n2, 5, 12 8 10\n' > "$c/entropy_values/numbers"
printf 'numbers:x\n9319 2 5 12 8 10 13 17 31 9 17\n' > "$c/entropy_values/rfc"
# The transcript vectors (SPEC §11): the body after the first empty line.
for f in "$root"/fixtures/v1/transcripts/*.txt "$root"/fixtures/rfc3797/transcripts/*.txt; do
  [ -f "$f" ] || continue
  n=$((n+1)); sed '1,/^$/d' "$f" > "$c/transcript_json/vector-$n.json"
done
echo "seed corpus in $c: $(find "$c" -type f | wc -l) files"
