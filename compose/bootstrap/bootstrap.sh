#!/usr/bin/env bash
# Makes a federation for the compose topology (and the same one for the process runner): root and
# issuing CA, the three units' key stores with signing, encryption and TLS certificates, service
# certificates for the Kafka brokers, the CA's administrative client and each gateway's HTTPS
# endpoint, the CRLs, the brokers' ACL script, and the passwords, all into one folder (a volume,
# never the image). Run once; it refuses to overwrite a federation that exists.
#
#   LIAISON_PKI   the command that runs liaison-pki (default: liaison-pki on the PATH)
#   FEDERATION    the output folder (default: /federation)
#   KAFKA_HOSTS   extra host names or IPs for every broker's certificate (default: localhost 127.0.0.1)
#   GATEWAY_HOSTS extra host names or IPs for every gateway's HTTPS certificate (same default)
set -euo pipefail

PKI=${LIAISON_PKI:-liaison-pki}
OUT=${FEDERATION:-/federation}
EXTRA_KAFKA=${KAFKA_HOSTS:-localhost 127.0.0.1}
EXTRA_GATEWAY=${GATEWAY_HOSTS:-localhost 127.0.0.1}
UNITS="NL.NCB NL.ATT-BKK TH.CIB"
BROKERS="kafka-1 kafka-2 kafka-3"
ADMIN=liaison-ca

pki() { $PKI "$@"; }
say() { printf 'bootstrap: %s\n' "$*"; }
# The gateway (site) that hosts a unit: lower case, dots to dashes (NL.ATT-BKK -> nl-att-bkk).
site() { echo "$1" | tr 'A-Z.' 'a-z-'; }

if [ -e "$OUT/root/ca.pem" ]; then
  say "a federation exists in $OUT already; remove it to make a new one"
  exit 0
fi
mkdir -p "$OUT"
cd "$OUT"
umask 077
mkdir -p secrets csr units kafka gateways crls

password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' > "secrets/$1.pass"; }
for name in root issuing units kafka postgres; do password "$name"; done
# Kafka reads its store passwords through its FileConfigProvider, never from server.properties.
printf 'password=%s\n' "$(cat secrets/kafka.pass)" > secrets/kafka.properties
export ISSUING_PASSWORD UNIT_PASSWORD
ISSUING_PASSWORD=$(cat secrets/issuing.pass)
UNIT_PASSWORD=$(cat secrets/units.pass)

say "root and issuing CA"
pki ca init-root --dir root --name "Liaison Root CA" --password-file secrets/root.pass \
  --crl-uri http://pki.liaison.example/root.crl >/dev/null
pki ca init-issuing --dir issuing --root-dir root --root-password-file secrets/root.pass \
  --name "Liaison Issuing CA 1" --password-env ISSUING_PASSWORD \
  --crl-uri http://pki.liaison.example/issuing.crl >/dev/null

for unit in $UNITS; do
  say "unit $unit"
  pki unit keygen --unit "$unit" --store "units/$unit.p12" --csr-dir csr \
    --password-env UNIT_PASSWORD >/dev/null
  for profile in signing encryption tls; do
    pki cert issue --ca-dir issuing --password-env ISSUING_PASSWORD \
      --csr "csr/$unit-$profile.csr.pem" --unit "$unit" --profile "$profile" \
      --out "units/$unit-$profile.pem" >/dev/null
    pki pem import --store "units/$unit.p12" --alias "$profile" \
      --cert "units/$unit-$profile.pem" --password-env UNIT_PASSWORD >/dev/null
  done
done

# A service's key is made by keytool in its own PKCS#12 store; the CA certifies its CSR (the
# CSR's subject is ignored: the CA writes O=Liaison, OU=Services, CN=<name>).
service() {
  local name=$1 store=$2 pass=$3
  shift 3
  local hosts=()
  for h in "$@"; do hosts+=(--host "$h"); done
  keytool -genkeypair -alias "$name" -keyalg EC -groupname secp256r1 -dname "CN=$name" \
    -validity 365 -keystore "$store" -storetype PKCS12 -storepass:file "$pass" 2>/dev/null
  keytool -certreq -alias "$name" -file "csr/$name.csr.pem" -keystore "$store" \
    -storetype PKCS12 -storepass:file "$pass" 2>/dev/null
  pki cert issue-service --ca-dir issuing --password-env ISSUING_PASSWORD \
    --csr "csr/$name.csr.pem" --name "$name" "${hosts[@]}" --out "csr/$name.pem" >/dev/null
  keytool -importcert -noprompt -alias "$name" -file "csr/$name.pem" \
    -keystore "$store" -storetype PKCS12 -storepass:file "$pass" >/dev/null 2>&1
}

# keytool accepts a certificate reply whose chain ends at a root it trusts: the root goes into
# each service store first, as a trusted entry.
trusted_root() {
  keytool -importcert -noprompt -alias liaison-root -file root/ca.pem \
    -keystore "$1" -storetype PKCS12 -storepass:file "$2" >/dev/null 2>&1
}

for broker in $BROKERS; do
  say "broker $broker"
  trusted_root "kafka/$broker.p12" secrets/kafka.pass
  # shellcheck disable=SC2086
  service "$broker" "kafka/$broker.p12" secrets/kafka.pass "$broker" $EXTRA_KAFKA
done
say "the CA's administrative client $ADMIN"
trusted_root "kafka/$ADMIN.p12" secrets/kafka.pass
service "$ADMIN" "kafka/$ADMIN.p12" secrets/kafka.pass
# The brokers' trust store: the federation's root only.
keytool -importcert -noprompt -alias liaison-root -file root/ca.pem \
  -keystore kafka/truststore.p12 -storetype PKCS12 -storepass:file secrets/kafka.pass >/dev/null 2>&1

for unit in $UNITS; do
  gw=$(site "$unit")
  say "gateway $gw (HTTPS)"
  password "https-$gw"
  password "db-$gw"
  trusted_root "gateways/$gw-https.p12" "secrets/https-$gw.pass"
  # shellcheck disable=SC2086
  service "$gw" "gateways/$gw-https.p12" "secrets/https-$gw.pass" "$gw" $EXTRA_GATEWAY
  # The case-reference MAC key: 32 random bytes, one per gateway.
  head -c 32 /dev/urandom > "secrets/$gw-case-reference.key"
done

say "CRLs and ACLs"
pki crl create --ca-dir issuing --password-env ISSUING_PASSWORD --out crls/issuing.crl.pem >/dev/null
pki crl create --ca-dir root --password-file secrets/root.pass --out crls/root.crl.pem >/dev/null
cat crls/root.crl.pem crls/issuing.crl.pem > crls/crls.pem
acl_args=()
for b in $BROKERS; do acl_args+=(--broker "$b"); done
for u in $UNITS; do acl_args+=(--unit "$u"); done
pki kafka acls "${acl_args[@]}" --admin "$ADMIN" > kafka/acls.sh
# Each unit's encryption certificate for the other gateways (until the directory topic).
mkdir -p peers
for unit in $UNITS; do cp "units/$unit-encryption.pem" "peers/$unit.pem"; done

# Readable by the services' own users in their containers (same group); never by others.
chmod -R g+rX,o-rwx "$OUT"
say "federation ready in $OUT"
