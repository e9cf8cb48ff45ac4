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
# JSON. Exit 1, with one line on stderr, if a detail cannot be decoded. Plaintext servers only (buf
# curl --http2-prior-knowledge). Needs npm ci in interop/, jq, and
# /usr/include/google/protobuf/descriptor.proto (protobuf-compiler): interop/install-toolchains.sh.
set -euo pipefail
if (( $# != 1 )); then
  echo "usage: buf curl ... 2>&1 | decode-details.sh HOST:PORT" >&2
  exit 2
fi
target=$1
buf=$(cd "$(dirname "$0")" && pwd)/node_modules/.bin/buf
source "$(dirname "$0")/reflection.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! jq -r '.details[]? | "\(.type) \(.value)"' >"$tmp/details" 2>/dev/null || [[ ! -s $tmp/details ]]; then
  echo "decode-details.sh: no error details on stdin: pipe in buf curl's error (2>&1)" >&2
  exit 1
fi

while read -r type value; do
  # 1. The file that defines the type, then the files it imports, as JSON (reflection.sh). The
  #    servers serve google/rpc/error_details.proto because our .proto files import it.
  reflection_files "$target" "$type" >"$tmp/files.json"
  if [[ ! -s $tmp/files.json ]]; then
    echo "decode-details.sh: reflection on $target does not know $type" >&2
    exit 1
  fi
  # 2. jq puts them into one FileDescriptorSet, imports first: a schema buf convert can read.
  jq -s '{file: reverse}' "$tmp/files.json" >"$tmp/schema.json"
  # 3. The value is base64 without padding; base64 -d wants the padding back.
  while (( ${#value} % 4 )); do value+="="; done
  if ! json=$(base64 -d <<<"$value" 2>"$tmp/error" |
      "$buf" convert "$tmp/schema.json" --type "$type" --from -#format=binpb --to -#format=json \
        2>>"$tmp/error"); then
    echo "decode-details.sh: cannot decode the $type detail: $(head -1 "$tmp/error")" >&2
    exit 1
  fi
  echo "$type $json"
done <"$tmp/details"
