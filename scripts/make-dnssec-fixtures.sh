#!/usr/bin/env bash
# Writes fixtures/dnssec/: a signed lab world under the private root "lab." for the offline DNSSEC
# tests and examples. Needs ldns-keygen and ldns-signzone (Debian package ldnsutils). Every
# signature is made with explicit dates (inception 2025-01-01, expiration 2045-01-01; the expired
# zone 2020-2021), so the files validate the same on any day before 2045. Keys are fresh on each
# run and not kept: only the signed zones and the trust anchor (lab-anchor.txt) are written.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=fixtures/dnssec/zones
ANCHOR=fixtures/dnssec/lab-anchor.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"
INCEPTION=20250101000000
EXPIRATION=20450101000000

soa() { # zone
  printf '$TTL 3600\n@ SOA ns1.lab. hostmaster.lab. 1 7200 3600 1209600 300\n@ NS ns1.lab.\n'
}

keygen() { # zone algorithm [ksk]
  (cd "$WORK" && ldns-keygen -a "$2" ${3:+-k} "$1")
}

# the mail records every signed child publishes
mail_records() {
  cat <<'Z'
@ MX 10 mail
mail A 192.0.2.25
@ TXT "v=spf1 mx -all"
_dmarc TXT "v=DMARC1; p=reject"
_25._tcp.mail TLSA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6
Z
}

# child zone: name algorithm nsec3(yes/no) [inception expiration]
sign_child() {
  local zone=$1 alg=$2 nsec3=$3 inc=${4:-$INCEPTION} exp=${5:-$EXPIRATION}
  { soa; mail_records; } > "$WORK/$zone"
  local key
  key=$(keygen "$zone" "$alg" ksk)
  cat "$WORK/$key.key" >> "$WORK/$zone"
  (cd "$WORK" && ldns-signzone ${nsec3:+$( [ "$nsec3" = yes ] && echo "-n -t 0" )} -i "$inc" -e "$exp" -o "$zone" -f "$zone.signed" "$zone" "$key")
  (cd "$WORK" && ldns-key2ds -n -2 "$key.key") >> "$WORK/lab.ds"
  cp "$WORK/$zone.signed" "$OUT/$zone.zone"
}

: > "$WORK/lab.ds"
sign_child signed.lab ECDSAP256SHA256 no
sign_child rsa.lab RSASHA256 no
sign_child rsa512.lab RSASHA512 no
sign_child ed.lab ED25519 no
sign_child p384.lab ECDSAP384SHA384 yes
sign_child expired.lab ECDSAP256SHA256 no 20200101000000 20210101000000

# bogus.lab: signed, then its SPF record changed after signing
sign_child bogus.lab ECDSAP256SHA256 no
sed -i 's/"v=spf1 mx -all"/"v=spf1 +all"/' "$OUT/bogus.lab.zone"

# nokey.lab: the parent's DS names a key the zone does not publish
{ soa; mail_records; } > "$WORK/nokey.lab"
published=$(keygen nokey.lab ECDSAP256SHA256 ksk)
other=$(keygen nokey.lab ECDSAP256SHA256 ksk)
cat "$WORK/$published.key" >> "$WORK/nokey.lab"
(cd "$WORK" && ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -o nokey.lab -f nokey.lab.signed nokey.lab "$published")
(cd "$WORK" && ldns-key2ds -n -2 "$other.key") >> "$WORK/lab.ds"
cp "$WORK/nokey.lab.signed" "$OUT/nokey.lab.zone"

# insecure.lab: delegated without DS (the parent's NSEC proves it has none); unsigned.p384.lab the
# same below an NSEC3 zone is made by the p384.lab zone's own delegation (see below)
{ soa; mail_records; } > "$OUT/insecure.lab.zone"

# the parent: lab., NSEC, with the delegations and the DS records
{
  soa
  echo 'ns1 A 192.0.2.53'
  for child in signed rsa rsa512 ed p384 expired bogus nokey insecure; do echo "$child NS ns1.lab."; done
  cat "$WORK/lab.ds"
} > "$WORK/lab"
labkey=$(keygen lab ECDSAP256SHA256 ksk)
cat "$WORK/$labkey.key" >> "$WORK/lab"
(cd "$WORK" && ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -o lab -f lab.signed lab "$labkey")
cp "$WORK/lab.signed" "$OUT/lab.zone"
(cd "$WORK" && ldns-key2ds -n -2 "$labkey.key") > "$ANCHOR"
echo "wrote $OUT and $ANCHOR"
