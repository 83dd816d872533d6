// An independent gRPC client for the control server, built on @grpc/grpc-js and control.proto.
// Usage: node peer.js SCENARIO   with DSL_PEER_ADDRESS=host:port and DSL_PEER_TOKENS={"viewer":…,"operator":…,"admin":…}
// Prints one JSON object: what the call returned or how it failed, for the C# test to check.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const protosDir = path.resolve(__dirname, '../../../runtime/Dsl.Control/Protos');
// descriptor.proto (imported for the required_role option) ships with protobufjs.
const wellKnownDir = path.dirname(require.resolve('protobufjs/package.json'));
const includeDirs = [protosDir, wellKnownDir];

const definition = loader.loadSync(['control.proto'], {
  includeDirs,
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const v1 = grpc.loadPackageDefinition(definition).dsl.control.v1;

// protobufjs decodes the google.rpc.Status in grpc-status-details-bin and the Any inside it.
const types = new protobuf.Root();
types.resolvePath = (origin, target) => {
  for (const dir of includeDirs) {
    const candidate = path.join(dir, target);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return target;
};
types.loadSync(['control.proto', 'google/rpc/status.proto']);

const address = process.env.DSL_PEER_ADDRESS;
const tokens = JSON.parse(process.env.DSL_PEER_TOKENS || '{}');
const credentials = grpc.credentials.createInsecure();

function client(service) {
  return new v1[service](address, credentials, { 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
}

function auth(token) {
  const metadata = new grpc.Metadata();
  if (token !== undefined) {
    metadata.add('authorization', `Bearer ${token}`);
  }
  return metadata;
}

function deadline(ms) {
  return new Date(Date.now() + ms);
}

function describe(error) {
  const result = { code: error.code, status: grpc.status[error.code], details: error.details };
  const raw = error.metadata && error.metadata.get('grpc-status-details-bin');
  if (raw && raw.length > 0) {
    const status = types.lookupType('google.rpc.Status').decode(raw[0]);
    result.richStatus = { code: status.code, message: status.message };
    result.richDetails = status.details.map((any) => {
      const typeName = any.type_url.substring(any.type_url.lastIndexOf('/') + 1);
      const message = types.lookupType(typeName).decode(any.value);
      return { type: typeName, value: message.toJSON() };
    });
  }
  return result;
}

function unary(service, method, request, token, options = {}) {
  return new Promise((resolve) => {
    client(service)[method](request, auth(token), options, (error, response) => {
      resolve(error ? { error: describe(error) } : { code: 0, response });
    });
  });
}

function serverStream(service, method, request, token) {
  return new Promise((resolve) => {
    const messages = [];
    const call = client(service)[method](request, auth(token), { deadline: deadline(10000) });
    call.on('data', (message) => messages.push(message));
    call.on('error', (error) => resolve({ messages, error: describe(error) }));
    call.on('end', () => resolve({ code: 0, messages }));
  });
}

function clientStream(service, method, requests, token) {
  return new Promise((resolve) => {
    const call = client(service)[method](auth(token), { deadline: deadline(10000) }, (error, response) => {
      resolve(error ? { error: describe(error) } : { code: 0, response });
    });
    for (const request of requests) {
      call.write(request);
    }
    call.end();
  });
}

const scenarios = {
  'unary-success': () => unary('Jobs', 'list', {}, tokens.viewer),

  async unauthenticated() {
    return {
      missing: await unary('Jobs', 'list', {}, undefined),
      wrong: await unary('Jobs', 'list', {}, 'dsl_not-a-real-token'),
    };
  },

  'permission-denied': () => unary('Releases', 'lock', { job: 'power', hard: true }, tokens.operator),

  'invalid-argument': () => unary(
    'Jobs',
    'preview',
    { source: { file: 'jobs/bad.stream', text: 'job bad { error }' }, latest: 10 },
    tokens.operator),

  async 'oversized-status'() {
    const longName = await unary('Jobs', 'status', { names: ['x'.repeat(60000)] }, tokens.viewer, { deadline: deadline(10000) });
    const manyErrors = await unary(
      'Jobs',
      'preview',
      { source: { file: 'jobs/bad.stream', text: 'errors 1000' }, latest: 10 },
      tokens.operator,
      { deadline: deadline(10000) });
    const after = await unary('Jobs', 'list', {}, tokens.viewer, { deadline: deadline(10000) });
    return { longName, manyErrors, after };
  },

  async unimplemented() {
    const registeredElsewhere = await unary('Releases', 'diff', { from: { name: 'power' }, toVersion: 2 }, tokens.admin);
    const unknown = await new Promise((resolve) => {
      const generic = new grpc.Client(address, credentials);
      generic.makeUnaryRequest(
        '/dsl.control.v1.Jobs/Explode',
        (value) => value,
        (buffer) => buffer,
        Buffer.alloc(0),
        auth(tokens.admin),
        (error) => resolve(error ? { error: describe(error) } : { code: 0 }));
    });
    return { registeredElsewhere, unknown };
  },

  'deadline-exceeded': () => unary('Jobs', 'status', { names: ['slow'] }, tokens.viewer, { deadline: deadline(1500) }),

  // grpc-js sends a deadline 9 000 years away as some 79 million hours (grpc-timeout allows 8 digits).
  'far-deadline': () => unary('Jobs', 'status', {}, tokens.viewer, { deadline: new Date(Date.now() + 9000 * 365 * 24 * 3600 * 1000) }),

  // A stream that would run for 10 s; the test revokes the viewer token while it is open.
  'revoked-watch': () => serverStream('Jobs', 'watch', { names: ['forever'] }, tokens.viewer),

  'server-streaming': () => serverStream('Jobs', 'watch', { names: ['alpha', 'beta', 'gamma', 'delta'] }, tokens.viewer),

  'client-streaming': () => clientStream('Ingest', 'ingest', [
    { channel: 'CHANNEL_REALTIME', ndjson: Buffer.from('{"assetId":"A","pointId":"P","time":1}\n{"assetId":"B",') },
    { ndjson: Buffer.from('"pointId":"P","time":2}\nnot json\n') },
    { records: { records: [{ assetId: 'C', pointId: 'P', time: '3', value: { numberValue: 1.5 } }] } },
    { ndjson: Buffer.from('{"assetId":"D","pointId":"P","time":4}') },
  ], tokens.operator),

  oversized: () => unary(
    'Jobs',
    'preview',
    { source: { file: 'jobs/big.stream', text: 'x'.repeat(200 * 1024) }, latest: 1 },
    tokens.operator),
};

const scenario = scenarios[process.argv[2]];
if (!scenario) {
  console.error(`unknown scenario '${process.argv[2]}'; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

scenario().then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  });
