#!/usr/bin/env bash
# grpcurl's "describe", with buf: asks a server's reflection service for the file that defines a
# method, decodes it with buf convert, and prints the method and its messages.
#
#   interop/describe.sh localhost:50051 helloworld.Greeter.SayHello
#
# Plaintext servers only (buf curl --http2-prior-knowledge). Needs npm ci in interop/ and jq.
set -euo pipefail
if (( $# != 2 )); then
  echo "usage: describe.sh HOST:PORT PACKAGE.SERVICE.METHOD" >&2
  exit 2
fi
target=$1 symbol=$2
buf=$(cd "$(dirname "$0")" && pwd)/node_modules/.bin/buf
package=${symbol%.*.*} service=${symbol%.*} method=${symbol##*.}
service=${service##*.}

# 1. Reflection answers with the file (a FileDescriptorProto, base64 in buf curl's JSON).
file=$("$buf" curl --protocol grpc --http2-prior-knowledge \
  --data "{\"fileContainingSymbol\": \"$symbol\"}" \
  "http://$target/grpc.reflection.v1.ServerReflection/ServerReflectionInfo" |
  jq -r '.fileDescriptorResponse.fileDescriptorProto[0] // ""')
if [[ -z $file ]]; then
  echo "$target has no $symbol (reflection found no file that defines it)" >&2
  exit 1
fi
# 2. buf convert reads those bytes as a FileDescriptorProto (descriptor.proto from protobuf-compiler)
#    and writes them as JSON; 3. jq prints the method and the messages of its file.
base64 -d <<<"$file" |
  "$buf" convert /usr/include/google/protobuf/descriptor.proto \
    --type google.protobuf.FileDescriptorProto --from -#format=binpb --to -#format=json |
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
