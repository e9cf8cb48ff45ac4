#!/usr/bin/env bash
# Installs what the Python, Node and Go peers need, from Debian's packages and npm, then generates
# their stubs. Run it once (as root, or with sudo); CI runs it before ./mvnw verify. With
# interop/node_modules present, ./mvnw verify also builds the interop module and runs its tests.
#
#   interop/install-toolchains.sh
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  python3-grpcio python3-protobuf                 # Python: grpcio 1.51, protobuf 3.21
  protobuf-compiler protobuf-compiler-grpc        # protoc, and grpc_python_plugin for the stubs
  golang-go golang-google-grpc-dev                # Go 1.19, grpc-go 1.33 (GOPATH mode, /usr/share/gocode)
  golang-google-protobuf-dev                      # google.golang.org/protobuf, and protoc-gen-go's source
  golang-github-golang-protobuf-1-5-dev           # the 1.5 line: with Debian's default 1.3, messages panic at run time
  golang-google-genproto-dev                      # google.rpc's Go types (errdetails)
  protoc-gen-go-grpc                              # the Go stubs' plugin
  jq                                              # describe.sh reads buf's JSON with it
)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if (( ${#missing[@]} )); then
  sudo=$([[ $(id -u) == 0 ]] || echo sudo)
  echo "== apt-get install ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

echo "== npm ci (@grpc/grpc-js, @grpc/proto-loader, protobufjs, @bufbuild/buf, as package-lock.json pins them)"
npm ci --no-audit --no-fund

echo "== generate the Python and Go stubs, build the Go programs"
./generate.sh
