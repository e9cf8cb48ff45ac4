#!/usr/bin/env bash
# grpcurl's "describe", with buf: asks a server's reflection service for the file that defines a
# method, decodes it with buf convert, and prints the method and its messages.
#
#   interop/describe.sh localhost:50051 helloworld.Greeter.SayHello
#
# Plaintext servers only (buf curl --http2-prior-knowledge). Needs npm ci in interop/, jq, and
# /usr/include/google/protobuf/descriptor.proto (protobuf-compiler): interop/install-toolchains.sh.
set -euo pipefail
if (( $# != 2 )); then
  echo "usage: describe.sh HOST:PORT PACKAGE.SERVICE.METHOD" >&2
  exit 2
fi
target=$1 symbol=$2
buf=$(cd "$(dirname "$0")" && pwd)/node_modules/.bin/buf
package=${symbol%.*.*} service=${symbol%.*} method=${symbol##*.}
service=${service##*.}

source "$(dirname "$0")/reflection.sh"

# 1. and 2. The file that defines the method, as JSON (reflection.sh); 3. jq prints the method and
#    the messages of its file.
files=$(reflection_files "$target" "$symbol") || exit 1
if [[ -z $files ]]; then
  echo "$target has no $symbol (reflection found no file that defines it)" >&2
  exit 1
fi
head -1 <<<"$files" |
  jq -r --arg package "$package" --arg service "$service" --arg method "$method" '
    def type: if .typeName then .typeName | ltrimstr(".")
              else .type | ltrimstr("TYPE_") | ascii_downcase end;
    def repeated: if .label == "LABEL_REPEATED" then "repeated " else "" end;
    select(.package == $package) |
    (.service[] | select(.name == $service) | .method[] | select(.name == $method) |
      "rpc \(.name)(\(if .clientStreaming then "stream " else "" end)\(.inputType | ltrimstr(".")))" +
      " returns (\(if .serverStreaming then "stream " else "" end)\(.outputType | ltrimstr(".")))"),
    (.messageType[] |
      "message \($package).\(.name) { " + ([.field[] | "\(repeated)\(type) \(.name) = \(.number);"] | join(" ")) + " }")'
