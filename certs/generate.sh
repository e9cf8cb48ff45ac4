#!/usr/bin/env bash
# Makes the TLS material for local development, with openssl:
#   ca.crt, ca.key                  the CA that signs the server's certificate (clients trust ca.crt)
#   server.crt, server.key          the server: CN=localhost, SANs localhost, 127.0.0.1 and ::1
#   client-ca.crt, client-ca.key    a separate CA that signs client certificates (mTLS servers trust it)
#   client.crt, client.key          a client identity for mutual TLS: CN=Ada
# Everything is valid for 10 years. Keys are EC P-256 in PKCS#8 PEM, which Java and BoringSSL read.
#
#   certs/generate.sh            regenerate certs/ (the committed copies)
#   certs/generate.sh DIR        write a fresh set to DIR (the tests do this, so they never depend on
#                                the committed files' expiry)
#
# FOR LOCAL DEVELOPMENT ONLY: these private keys are public. Never use them for anything real.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")" && pwd)"}
mkdir -p "$out"
cd "$out"
days=3650
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

ca() { # ca NAME "SUBJECT"
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days "$days" -subj "$2" -out "$1.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf() { # leaf NAME "SUBJECT" CA EXTENSIONS
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$tmp/$1.csr"
  printf '%s\n' "$4" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$3.crt" -CAkey "$3.key" -CAcreateserial \
    -CAserial "$tmp/$3.srl" -sha256 -days "$days" -extfile "$tmp/$1.ext" -out "$1.crt" 2>/dev/null
}

ca ca "/O=grpc-java-samples/CN=grpc-java-samples dev CA"
leaf server "/O=grpc-java-samples/CN=localhost" ca \
  "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"

ca client-ca "/O=grpc-java-samples/CN=grpc-java-samples dev client CA"
leaf client "/O=grpc-java-samples/CN=Ada" client-ca \
  "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

echo "wrote ca, server, client-ca and client certificates and keys to $out (valid $days days)"
