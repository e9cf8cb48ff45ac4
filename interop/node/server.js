#!/usr/bin/env node
// The Node server: helloworld.Greeter (all five methods, the Java server's replies word for word)
// and a small recommend.UserRecommend, on @grpc/grpc-js.
//
//   node interop/node/server.js [--port 50051] [--tls-cert FILE --tls-key FILE] [--delay 2s]
//                               [--replies 5] [--echo-metadata]
'use strict';

const fs = require('fs');
const {parseArgs} = require('util');
const {grpc, Greeter, UserRecommend} = require('./protos');
const recommendService = require('./recommend-service');

const GOODBYE = '后会有期'; // "until we meet again": LotsOfGreetings answers at once

function log(message) {
  console.error(`${new Date().toTimeString().slice(0, 8)} INFO ${message}`);
}

function greeter(replies, delayMs, echo) {
  // --echo-metadata: served-by as a header, every request header back as an echo-KEY trailer.
  const headers = (call) => echo && sendServedBy(call);
  const trailers = (call) => (echo ? echoOf(call) : new grpc.Metadata());
  // Unary: check the name, work for --delay unless the call ends first, then answer.
  const unary = (method, greeting) => (call, callback) => {
    headers(call);
    const name = call.request.name;
    if (!name) {
      return callback({code: grpc.status.INVALID_ARGUMENT, details: 'name must not be empty'});
    }
    const timer = setTimeout(() => callback(null, {message: `${greeting}, ${name}!`}, trailers(call)), delayMs);
    // 'cancelled' fires when the client cancels or the deadline passes: stop working for it.
    call.on('cancelled', () => {
      clearTimeout(timer);
      log(`${method}(${name}) stopped before answering: the call ended`);
    });
  };
  return {
    SayHello: unary('SayHello', 'Hello'),
    SayHelloAgain: unary('SayHelloAgain', 'Hello again'),
    LotsOfReplies(call) {
      headers(call);
      for (let i = 1; i <= replies && !call.cancelled; i++) {
        call.write({message: `Hello, ${call.request.name}! (reply ${i} of ${replies})`});
      }
      call.end(trailers(call));
    },
    LotsOfGreetings(call, callback) {
      headers(call);
      const names = [];
      let answered = false;
      call.on('data', (request) => {
        if (answered) return; // after the goodbye, the rest is ignored
        if (request.name === GOODBYE) {
          answered = true;
          callback(null, {message: `${GOODBYE}! Goodbye after ${count(names)}${listing(names)}`}, trailers(call));
        } else {
          names.push(request.name);
        }
      });
      call.on('end', () => {
        if (!answered) callback(null, {message: `Hello to all ${count(names)}${listing(names)}!`}, trailers(call));
      });
    },
    BidiHello(call) {
      headers(call);
      call.on('data', (request) => call.write({message: `Hello, ${request.name}!`}));
      call.on('end', () => call.end(trailers(call)));
    },
  };
}

const count = (names) => `${names.length} name${names.length === 1 ? '' : 's'}`;
const listing = (names) => (names.length ? ': ' + names.join(', ') : '');

// served-by, and for a call with a deadline, what is left of it.
function sendServedBy(call) {
  const headers = new grpc.Metadata();
  headers.set('served-by', 'node-server');
  const deadline = call.getDeadline(); // Infinity when the call has none
  if (Number.isFinite(Number(deadline))) {
    headers.set('deadline-remaining', `${Math.max(0, Number(deadline) - Date.now())}ms`);
  }
  call.sendMetadata(headers);
}

function echoOf(call) {
  const echo = new grpc.Metadata();
  for (const [key, values] of Object.entries(call.metadata.toJSON())) {
    if (key.startsWith('grpc-') || ['user-agent', 'accept-encoding', 'content-type', 'te'].includes(key)) continue;
    for (const value of values) echo.add('echo-' + key, value);
  }
  return echo;
}

function main() {
  const {values} = parseOrExit({options: {
    'port': {type: 'string', default: '50051'},
    'tls-cert': {type: 'string'},
    'tls-key': {type: 'string'},
    'replies': {type: 'string', default: '5'},
    'delay': {type: 'string', default: '0ms'},
    'echo-metadata': {type: 'boolean', default: false},
  }});
  const delay = values.delay.match(/^(\d+)(ms|s)$/);
  if (!delay) {
    console.error(`--delay: not a duration: '${values.delay}' (try 500ms or 2s)`);
    process.exit(2);
  }
  const server = new grpc.Server();
  server.addService(Greeter.service, greeter(Number(values.replies),
      Number(delay[1]) * (delay[2] === 's' ? 1000 : 1), values['echo-metadata']));
  server.addService(UserRecommend.service, recommendService);
  const credentials = values['tls-cert'] ?
    grpc.ServerCredentials.createSsl(null, [{cert_chain: fs.readFileSync(values['tls-cert']),
      private_key: fs.readFileSync(values['tls-key'])}]) :
    grpc.ServerCredentials.createInsecure();
  server.bindAsync(`[::]:${values.port}`, credentials, (err, port) => {
    if (err) {
      console.error(`cannot listen on port ${values.port}: ${err.message}`);
      process.exit(1);
    }
    log(`node-server listening on port ${port} (${values['tls-cert'] ? 'TLS' : 'plaintext'})`);
  });
  // Ctrl-C or SIGTERM: stop taking calls, let the ones in flight finish.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.tryShutdown(() => log('node-server stopped')));
  }
}

// A usage error: one line, exit code 2.
function parseOrExit(config) {
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}

main();
