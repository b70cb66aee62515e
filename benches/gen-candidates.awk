# Deterministic candidate list for benches/compare.sh: N lines after the header
# "id,weight", each id a 7-digit serial, a dash and 2-12 letters or digits
# (10-20 characters, unique by the serial), each weight 1-5. The random
# numbers come from the Park-Miller generator (x = 16807 x mod 2^31-1), whose
# products stay below 2^53, so every awk (mawk, gawk, busybox) gives the same
# bytes. Usage: awk -v n=1000000 -f gen-candidates.awk > candidates.csv
function next_random() { x = (x * 16807) % 2147483647; return x }
BEGIN {
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    x = 20261124
    print "id,weight"
    for (i = 1; i <= n; i++) {
        len = 2 + next_random() % 11
        tail = ""
        for (j = 0; j < len; j++) tail = tail substr(alphabet, 1 + next_random() % 34, 1)
        printf "%07d-%s,%d\n", i, tail, 1 + next_random() % 5
    }
}
