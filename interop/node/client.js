#!/usr/bin/env node
// The Node client: calls helloworld.Greeter and recommend.UserRecommend on any server.
//
//   node interop/node/client.js [all|hello|again|replies|greetings|bidi|recommend] [options]
//
// The same subcommands and flags as the Java clients, on @grpc/grpc-js.
'use strict';

const fs = require('fs');
const {parseArgs} = require('util');
const {grpc, Greeter, UserRecommend, Status, BadRequest, Exposure} = require('./protos');

const STREAM_NAMES = ['Ada', 'Grace', 'Alan'];
const COMMANDS = ['all', 'hello', 'again', 'replies', 'greetings', 'bidi', 'recommend'];

// Every call ends with a 'status' event, which carries the trailers; 'metadata' brings the headers.
// finished() turns a call into a promise of its end, so the calls can run one after another.
function finished(call, args) {
  return new Promise((resolve, reject) => {
    call.on('metadata', (headers) => show('header', headers, args));
    call.on('status', (status) => {
      if (status.code === grpc.status.OK) {
        show('trailer', status.metadata, args);
        resolve();
      } else {
        reject(status);
      }
    });
    call.on('error', () => {}); // the same failure arrives as 'status'
  });
}

async function unary(client, method, args) {
  for (const name of args.values.name || ['world']) {
    const call = client[method]({name}, args.metadata, args.options, (err, reply) => {
      if (!err) console.log(reply.message);
    });
    await finished(call, args);
  }
}

async function replies(client, args) {
  for (const name of args.values.name || ['world']) {
    const call = client.LotsOfReplies({name}, args.metadata, args.options);
    call.on('data', (reply) => console.log(reply.message));
    await finished(call, args);
  }
}

async function greetings(client, args) {
  const call = client.LotsOfGreetings(args.metadata, args.options, (err, reply) => {
    if (!err) console.log(reply.message);
  });
  for (const name of args.values.name || STREAM_NAMES) call.write({name});
  call.end();
  await finished(call, args);
}

async function bidi(client, args) {
  const call = client.BidiHello(args.metadata, args.options);
  call.on('data', (reply) => console.log(reply.message));
  for (const name of args.values.name || STREAM_NAMES) call.write({name});
  call.end();
  await finished(call, args);
}

async function all(client, args) {
  const calls = [
    ['SayHello (unary)', () => unary(client, 'SayHello', args)],
    ['SayHelloAgain (unary)', () => unary(client, 'SayHelloAgain', args)],
    ['LotsOfReplies (server streaming)', () => replies(client, args)],
    ['LotsOfGreetings (client streaming)', () => greetings(client, args)],
    ['BidiHello (bidirectional streaming)', () => bidi(client, args)],
  ];
  for (const [title, call] of calls) {
    console.log('# ' + title);
    await call();
  }
}

async function recommend(client, args) {
  const request = {user_id: Number(args.values.user), article_num: Number(args.values.count),
    time_stamp: String(Date.now())};
  let response;
  const call = client.Recommend(request, args.metadata, args.options, (err, r) => (response = r));
  await finished(call, args);
  if (args.values.json) {
    // Not protobuf's JSON mapping: a plain JS object, with the .proto field names (keepCase).
    console.log(JSON.stringify(response, null, 2));
    return;
  }
  console.log(`Top ${response.recommends.length} of ${response.catalog_size} articles for user ${request.user_id}`);
  response.recommends.forEach((a, i) => console.log(`${String(i + 1).padStart(3)} ${String(a.article_id).padStart(5)}  ` +
      `${a.title}  (views ${a.info.views}, shares ${a.info.shares})`));
  // The exposure token is base64url, without padding, of an Exposure message.
  const exposure = Exposure.decode(Buffer.from(response.exposure, 'base64url'));
  console.log(`exposure: user ${exposure.user_id} at ${new Date(Number(exposure.time_stamp)).toISOString()}` +
      ` was shown articles ${exposure.article_ids.join(', ')}`);
}

// --show-metadata: what the server sent besides the replies, on stderr, like the Java clients.
function show(kind, metadata, args) {
  if (!args.values['show-metadata']) return;
  for (const [key, values] of Object.entries(metadata.getMap()).sort()) {
    // content-type is HTTP/2's; grpc-status-details-bin is printed as details by printError
    if (key === 'content-type' || key === 'grpc-status-details-bin') continue;
    for (const value of metadata.get(key)) {
      const text = Buffer.isBuffer(value) ? `${value.toString('base64')} (UTF-8: ${value.toString('utf8')})` : value;
      console.error(`${kind} ${key}: ${text}`);
    }
  }
}

// A failed call: CODE: description, then the google.rpc.Status details the server attached.
function printError(status, args) {
  const code = Object.keys(grpc.status).find((name) => grpc.status[name] === status.code);
  console.error(`${code}: ${status.details}`);
  for (const bytes of status.metadata.get('grpc-status-details-bin')) {
    for (const detail of Status.decode(bytes).details) {
      if (detail.type_url.endsWith('/google.rpc.BadRequest')) {
        for (const v of BadRequest.decode(detail.value).field_violations) {
          console.error(`  ${v.field}: ${v.description}`);
        }
      } else {
        console.error(`  (${detail.type_url})`);
      }
    }
  }
  show('trailer', status.metadata, args);
}

function parse(argv) {
  const command = COMMANDS.includes(argv[0]) ? argv.shift() : 'all';
  const {values} = parseArgs({args: argv, options: {
    'target': {type: 'string'},
    'name': {type: 'string', multiple: true},
    'tls-ca': {type: 'string'},
    'authority': {type: 'string'},
    'compression': {type: 'string'},
    'header': {type: 'string', short: 'H', multiple: true, default: []},
    'deadline': {type: 'string'},
    'show-metadata': {type: 'boolean'},
    'user': {type: 'string', default: '1'},
    'count': {type: 'string', default: '5'},
    'json': {type: 'boolean'},
  }});
  const metadata = new grpc.Metadata();
  for (const header of values.header) {
    const [, key, value] = header.match(/^([^=]+)=(.*)$/) || usage(`--header wants KEY=VALUE, not '${header}'`);
    // A -bin key carries bytes, given here as base64 (like the Java clients).
    metadata.add(key, key.endsWith('-bin') ? Buffer.from(value, 'base64') : value);
  }
  const options = {};
  if (values.deadline) options.deadline = Date.now() + milliseconds(values.deadline);
  const target = values.target || (command === 'recommend' ? 'localhost:50052' : 'localhost:50051');
  return {command, values, metadata, options, target};
}

function milliseconds(text) {
  const m = text.match(/^(\d+(?:\.\d+)?)(ms|s|m)$/) || usage(`not a duration: '${text}' (try 500ms, 2s or 1m)`);
  return Number(m[1]) * {ms: 1, s: 1000, m: 60000}[m[2]];
}

function usage(message) {
  console.error(message);
  process.exit(2);
}

function connect(Service, args) {
  const channelOptions = {};
  if (args.values.compression === 'gzip') channelOptions['grpc.default_compression_algorithm'] = 2; // gzip
  if (args.values.authority) {
    // The name the server's certificate must have, when it is not the target's host.
    channelOptions['grpc.ssl_target_name_override'] = args.values.authority;
    channelOptions['grpc.default_authority'] = args.values.authority;
  }
  const credentials = args.values['tls-ca'] ?
    grpc.credentials.createSsl(fs.readFileSync(args.values['tls-ca'])) :
    grpc.credentials.createInsecure();
  return new Service(args.target, credentials, channelOptions);
}

async function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    usage(e.message); // an unknown option, or a metadata value gRPC refuses
  }
  const client = connect(args.command === 'recommend' ? UserRecommend : Greeter, args);
  try {
    const run = {all, hello: (c, a) => unary(c, 'SayHello', a), again: (c, a) => unary(c, 'SayHelloAgain', a),
      replies, greetings, bidi, recommend}[args.command];
    await run(client, args);
    return 0;
  } catch (status) {
    printError(status, args);
    return 1;
  } finally {
    client.close();
  }
}

main().then((code) => (process.exitCode = code));
