# Sourced by describe.sh and decode-details.sh: what both ask of a server's reflection service.
# Needs $buf (interop/node_modules/.bin/buf), jq, and /usr/include/google/protobuf/descriptor.proto
# (Debian's protobuf-compiler).

# reflection_files HOST:PORT SYMBOL: the file that defines SYMBOL, then the files it imports, each a
# FileDescriptorProto as one line of JSON. Prints nothing if the server does not know SYMBOL; fails
# with one line on stderr if its reflection service cannot be asked.
reflection_files() {
  local target=$1 symbol=$2 answer file
  # 1. Reflection answers with FileDescriptorProtos, base64 in buf curl's JSON.
  if ! answer=$("$buf" curl --protocol grpc --http2-prior-knowledge \
      --data "{\"fileContainingSymbol\": \"$symbol\"}" \
      "http://$target/grpc.reflection.v1.ServerReflection/ServerReflectionInfo" 2>&1); then
    echo "$(basename "$0"): cannot ask the reflection service on $target: $(head -1 <<<"$answer")" >&2
    return 1
  fi
  # 2. buf convert reads each as a FileDescriptorProto (descriptor.proto) and writes it as JSON.
  jq -r '.fileDescriptorResponse.fileDescriptorProto[]? // empty' <<<"$answer" |
    while read -r file; do
      base64 -d <<<"$file" | "$buf" convert /usr/include/google/protobuf/descriptor.proto \
        --type google.protobuf.FileDescriptorProto --from -#format=binpb --to -#format=json
      echo
    done
}
