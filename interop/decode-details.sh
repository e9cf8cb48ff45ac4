#!/usr/bin/env bash
# Decodes the details of an error that buf curl printed. buf curl shows each detail as its type and
# its bytes in base64, {"type": "google.rpc.BadRequest", "value": "CisK..."}, and never looks the type
# up. This script does, the way grpcurl does: it asks the server's reflection service for the file
# that defines the type, then has buf convert decode the bytes with that file.
#
#   buf curl ... http://localhost:50052/recommend.UserRecommend/Recommend 2>&1 |
#     interop/decode-details.sh localhost:50052
#
# Reads buf curl's error JSON on stdin and prints one line per detail: the type, then the detail as
# JSON. Plaintext servers only (buf curl --http2-prior-knowledge). Needs npm ci in interop/ and jq.
set -euo pipefail
if (( $# != 1 )); then
  echo "usage: buf curl ... 2>&1 | decode-details.sh HOST:PORT" >&2
  exit 2
fi
target=$1
buf=$(cd "$(dirname "$0")" && pwd)/node_modules/.bin/buf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! jq -r '.details[]? | "\(.type) \(.value)"' >"$tmp/details" 2>/dev/null || [[ ! -s $tmp/details ]]; then
  echo "decode-details.sh: no error details on stdin: pipe in buf curl's error (2>&1)" >&2
  exit 1
fi

while read -r type value; do
  # 1. Reflection answers with the file that defines the type, then the files it imports, each a
  #    FileDescriptorProto in base64. The server serves google/rpc/error_details.proto because our
  #    .proto files import it.
  "$buf" curl --protocol grpc --http2-prior-knowledge \
    --data "{\"fileContainingSymbol\": \"$type\"}" \
    "http://$target/grpc.reflection.v1.ServerReflection/ServerReflectionInfo" |
    jq -r '.fileDescriptorResponse.fileDescriptorProto[]? // empty' >"$tmp/files"
  if [[ ! -s $tmp/files ]]; then
    echo "$type (reflection on $target does not serve this type) $value"
    continue
  fi
  # 2. buf convert turns each file into JSON (descriptor.proto from protobuf-compiler), and jq puts
  #    them into one FileDescriptorSet, imports first: the schema buf convert can read.
  while read -r file; do
    base64 -d <<<"$file" |
      "$buf" convert /usr/include/google/protobuf/descriptor.proto \
        --type google.protobuf.FileDescriptorProto --from -#format=binpb --to -#format=json
  done <"$tmp/files" | jq -s '{file: reverse}' >"$tmp/schema.json"
  # 3. The value is base64 without padding; base64 -d wants the padding back.
  while (( ${#value} % 4 )); do value+="="; done
  echo "$type $(base64 -d <<<"$value" |
    "$buf" convert "$tmp/schema.json" --type "$type" --from -#format=binpb --to -#format=json)"
done <"$tmp/details"
