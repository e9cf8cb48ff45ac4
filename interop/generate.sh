#!/usr/bin/env bash
# Generates the Python and Go stubs from this repository's .proto files (proto/src/main/proto), and
# builds the Go client and server. Everything goes to interop/target/, which is never checked in:
#   target/python/   helloworld/greeter_pb2*.py, recommend/recommend_pb2*.py, google/rpc/*_pb2.py
#   target/go/       a GOPATH: src/grpcsamples.dev/{helloworld,recommend} and bin/{client,server}
# Node needs no step here: @grpc/proto-loader reads the .proto files when the program starts.
#
#   interop/generate.sh          both (after interop/install-toolchains.sh; takes a few seconds)
#   interop/generate.sh python   or go: one language only
set -euo pipefail
languages=${*:-python go}

interop=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$interop")
out=$interop/target
protos=$repo/proto/src/main/proto
googleapis=$repo/proto/third_party/googleapis   # google/rpc/status.proto and error_details.proto
ours=(helloworld/greeter.proto recommend/recommend.proto)

need() { command -v "$1" >/dev/null || { echo "generate.sh: $1 not found: run interop/install-toolchains.sh" >&2; exit 1; }; }
need protoc

generate_python() {
  need grpc_python_plugin
  # Python: protoc writes the messages (_pb2.py), grpc_python_plugin the stubs (_pb2_grpc.py).
  # Debian's protoc finds google/protobuf/*.proto in /usr/include; Python has their _pb2 modules.
  rm -rf "$out/python" && mkdir -p "$out/python"
  protoc -I "$protos" -I "$googleapis" -I /usr/include \
    --python_out="$out/python" \
    --grpc_python_out="$out/python" --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
    "${ours[@]}"
  protoc -I "$googleapis" -I /usr/include --python_out="$out/python" \
    google/rpc/status.proto google/rpc/error_details.proto
  echo "generated the Python stubs in $out/python"
}

generate_go() {
  need go
  need protoc-gen-go-grpc
  # Go, in GOPATH mode with Debian's packages (/usr/share/gocode). Our .proto files have no go_package
  # option, so each gets a Go import path here, with M flags, and the contract stays as it is.
  export GO111MODULE=off GOPATH="$out/go:/usr/share/gocode"
  export GOCACHE=${GOCACHE:-$out/go/cache}
  rm -rf "$out/go/src" && mkdir -p "$out/go/src" "$out/go/bin"
  go build -o "$out/go/bin/protoc-gen-go" google.golang.org/protobuf/cmd/protoc-gen-go
  imports=(Mhelloworld/greeter.proto=grpcsamples.dev/helloworld Mrecommend/recommend.proto=grpcsamples.dev/recommend)
  go_opts=() grpc_opts=()
  for m in "${imports[@]}"; do go_opts+=(--go_opt="$m"); grpc_opts+=(--go-grpc_opt="$m"); done
  # google/rpc/error_details.proto, which our files import, has a go_package option: its Go types come
  # ready-made with Debian's golang-google-genproto-dev.
  protoc -I "$protos" -I "$googleapis" -I /usr/include \
    --plugin=protoc-gen-go="$out/go/bin/protoc-gen-go" --go_out="$out/go/src" "${go_opts[@]}" \
    --go-grpc_out="$out/go/src" "${grpc_opts[@]}" \
    "${ours[@]}"
  # Our programs live outside the GOPATH; GOPATH mode builds them by relative path.
  (cd "$interop/go" && go build -o "$out/go/bin/client" ./client && go build -o "$out/go/bin/server" ./server)
  echo "generated the Go stubs in $out/go/src; built $out/go/bin/client and $out/go/bin/server"
}

for language in $languages; do
  case $language in
    python) generate_python ;;
    go) generate_go ;;
    *) echo "generate.sh: no such language '$language' (python, go)" >&2; exit 2 ;;
  esac
done
