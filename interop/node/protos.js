// The contract, loaded from this repository's .proto files when the program starts: Node needs no
// generated code. @grpc/proto-loader turns the services into grpc-js service definitions;
// protobufjs reads google.rpc.Status and BadRequest, the rich error details.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const includeDirs = [
  path.join(__dirname, '..', '..', 'proto', 'src', 'main', 'proto'),
  path.join(__dirname, '..', '..', 'proto', 'third_party', 'googleapis'),
];

// keepCase: fields keep their .proto names (user_id, not userId); longs and enums as strings.
const packageDefinition = protoLoader.loadSync(
  ['helloworld/greeter.proto', 'recommend/recommend.proto'],
  {keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs});
const loaded = grpc.loadPackageDefinition(packageDefinition);

// protobufjs knows google/protobuf/*.proto itself; the rest is found in includeDirs.
const root = new protobuf.Root();
root.resolvePath = (origin, target) => {
  for (const dir of includeDirs) {
    const file = path.join(dir, target);
    if (fs.existsSync(file)) return file;
  }
  return protobuf.util.path.resolve(origin, target);
};
root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto', 'recommend/recommend.proto'],
    {keepCase: true});

module.exports = {
  grpc,
  Greeter: loaded.helloworld.Greeter,
  UserRecommend: loaded.recommend.UserRecommend,
  Status: root.lookupType('google.rpc.Status'),
  BadRequest: root.lookupType('google.rpc.BadRequest'),
  Exposure: root.lookupType('recommend.Exposure'),
};
