#!/bin/sh
# Builds the fuzz seed corpus from fixtures/ (run from anywhere).
# corpus/<target>/ is not committed: it grows while fuzzing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
c="$root/fuzz/corpus"
mkdir -p "$c/candidates_csv" "$c/commitment_json" "$c/transcript_json" "$c/receipt_code" "$c/entropy_values" "$c/receipts_line" "$c/beacon_json"
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
for f in "$root"/fixtures/v1/transcripts/*.txt "$root"/fixtures/rfc3797/transcripts/*.txt "$root"/fixtures/v2/transcripts/*.txt; do
  [ -f "$f" ] || continue
  n=$((n+1)); sed '1,/^$/d' "$f" > "$c/transcript_json/vector-$n.json"
done
# drand beacons as the HTTP API serves them (SPEC §13.6), and one chain's /info.
for f in "$root"/fixtures/drand/*.txt; do
  sed '1,/^$/d' "$f" > "$c/beacon_json/$(basename "$f" .txt).json"
done
printf '%s' '{"public_key":"83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a","period":3,"genesis_time":1692803367,"hash":"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971","groupHash":"f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e","schemeID":"bls-unchained-g1-rfc9380","metadata":{"beaconID":"quicknet"}}' > "$c/beacon_json/quicknet-info.json"
echo "seed corpus in $c: $(find "$c" -type f | wc -l) files"
