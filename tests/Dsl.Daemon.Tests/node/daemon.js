// An independent gRPC client (grpc-js) that drives the runtime daemon through control.proto.
// Usage: node daemon.js SCENARIO   with DSL_PEER_ADDRESS=host:port and DSL_PEER_TOKENS={"viewer":…,"operator":…,"admin":…}
// (and DSL_PEER_CA=FILE for a daemon speaking TLS: the PEM roots to trust, and nothing else)
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
const credentials = process.env.DSL_PEER_CA
  ? grpc.credentials.createSsl(fs.readFileSync(process.env.DSL_PEER_CA))
  : grpc.credentials.createInsecure();

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

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

// Opens a server stream and reports how it ended (a stream that sends nothing ends at the deadline).
function streamEnd(service, method, request, token) {
  return new Promise((resolve) => {
    const call = client(service)[method](request, auth(token), { deadline: deadline(5000) });
    call.on('data', () => {});
    call.on('error', (error) => resolve({ error: describe(error) }));
    call.on('end', () => resolve({ code: 0 }));
  });
}

// Opens a server stream and collects messages until `count` arrived (or the deadline passes).
function collect(service, method, request, token, count) {
  const messages = [];
  let finish;
  let started;
  const done = new Promise((resolve) => { finish = resolve; });
  const first = new Promise((resolve) => { started = resolve; });
  const call = client(service)[method](request, auth(token), { deadline: deadline(20000) });
  call.on('data', (message) => {
    messages.push(message);
    started();
    if (messages.length >= count) {
      call.cancel();
      finish({ code: 0, messages });
    }
  });
  call.on('error', (error) => finish({ messages, error: describe(error) }));
  call.on('end', () => finish({ code: 0, messages }));
  return { done, first };
}

const good = (asset) => `{"assetId":"${asset}","modelId":"Meter","pointId":"Power","time":1,"value":1}`;

const power = (asset, time, value) => ({ assetId: asset, modelId: 'Meter', pointId: 'Power', time: String(time), value: { numberValue: value } });

const goodJob = 'job inline "preview"\n\nmodel Meter {\n  ai Power: double kW\n  ai Triple kW\n}\n\nmerge Meter on Power {\n  Triple = Power * 3\n}\n';

const scenarios = {
  // Over TLS: an authenticated call and an unauthenticated one.
  async tls() {
    return {
      list: await unary('Jobs', 'list', {}, tokens.admin),
      missing: await unary('Jobs', 'list', {}, undefined),
    };
  },
  async auth() {
    return {
      missing: await unary('Jobs', 'list', {}, undefined),
      wrong: await unary('Jobs', 'list', {}, 'dsl_not-a-real-token'),
      viewerList: await unary('Jobs', 'list', {}, tokens.viewer),
      viewerStart: await unary('Jobs', 'start', { names: ['doubler'] }, tokens.viewer),
      viewerIngest: await clientStream('Ingest', 'ingest', [{ channel: 'CHANNEL_REALTIME', ndjson: Buffer.from('') }], tokens.viewer),
    };
  },

  async lifecycle() {
    return {
      pauseReleased: await unary('Jobs', 'pause', { names: ['doubler'] }, tokens.operator),
      stopReleased: await unary('Jobs', 'stop', { names: ['doubler'] }, tokens.operator),
      startUnknown: await unary('Jobs', 'start', { names: ['doubler', 'nope'] }, tokens.operator),
      getUnknown: await unary('Jobs', 'get', { name: 'nope' }, tokens.viewer),
      startEmpty: await unary('Jobs', 'start', { names: [] }, tokens.operator),
      start: await unary('Jobs', 'start', { names: ['doubler'] }, tokens.operator),
      pause: await unary('Jobs', 'pause', { names: ['doubler'] }, tokens.operator),
      resume: await unary('Jobs', 'start', { names: ['doubler'] }, tokens.operator),
      stop: await unary('Jobs', 'stop', { names: ['doubler'] }, tokens.operator),
      stopAgain: await unary('Jobs', 'stop', { names: ['doubler'] }, tokens.operator),
      pauseStopped: await unary('Jobs', 'pause', { names: ['doubler'] }, tokens.operator),
      status: await unary('Jobs', 'status', { names: ['doubler'] }, tokens.viewer),
      get: await unary('Jobs', 'get', { name: 'doubler' }, tokens.viewer),
      logsUnknown: await unary('Jobs', 'logs', { name: 'nope' }, tokens.viewer),
      metrics: await unary('Jobs', 'metrics', {}, tokens.viewer),
    };
  },

  async preview() {
    return {
      released: await unary('Jobs', 'preview', { released: { name: 'doubler' }, records: { records: [power('a', 1000, 1.5), power('b', 2000, 2)] } }, tokens.operator),
      releasedLatest: await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 5 }, tokens.operator),
      inline: await unary('Jobs', 'preview', {
        source: { file: 'jobs/inline.stream', text: goodJob },
        ndjson: Buffer.from('{"assetId":"a","modelId":"Meter","pointId":"Power","time":1,"value":2}\nnot json\n'),
      }, tokens.operator),
      bad: await unary('Jobs', 'preview', { source: { file: 'jobs/bad.stream', text: 'job bad\nmerge Nope on X { Y = Z }\n' }, latest: 10 }, tokens.operator),
      missingImport: await unary('Jobs', 'preview', { source: { file: 'jobs/imp.stream', text: 'job imp\n\nimport "../models/missing.stream"\n' }, latest: 10 }, tokens.operator),
      nulInName: await unary('Jobs', 'preview', { source: { file: 'jobs/a\u0000b.stream', text: goodJob }, latest: 1 }, tokens.operator),
      nothing: await unary('Jobs', 'preview', { latest: 10 }, tokens.operator),
      viewer: await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 5 }, tokens.viewer),
      unknown: await unary('Jobs', 'preview', { released: { name: 'nope' }, latest: 5 }, tokens.operator),
    };
  },

  async streams() {
    const watch = collect('Jobs', 'watch', { names: ['doubler'], includeCurrent: true }, tokens.viewer, 2);
    const outputs = collect('Outputs', 'watchOutputs', { channel: 'CHANNEL_REALTIME', jobs: ['doubler'] }, tokens.viewer, 3);
    const badWatch = await unary('Jobs', 'status', { names: ['nope'] }, tokens.viewer);
    const noChannel = await streamEnd('Outputs', 'watchOutputs', {}, tokens.viewer);
    const unknownWatch = await streamEnd('Jobs', 'watch', { names: ['nope'] }, tokens.viewer);
    const unknownOutputs = await streamEnd('Outputs', 'watchOutputs', { channel: 'CHANNEL_REALTIME', jobs: ['doubler', 'nope'] }, tokens.viewer);
    const otherChannelOutputs = await streamEnd('Outputs', 'watchOutputs', { channel: 'CHANNEL_OFFLINE', jobs: ['doubler'] }, tokens.viewer);
    // The snapshot proves the status watch is subscribed; the output watch was opened with it.
    await watch.first;
    await sleep(300);
    const start = await unary('Jobs', 'start', { names: ['doubler'] }, tokens.operator);
    const ingest = await clientStream('Ingest', 'ingest', [
      { channel: 'CHANNEL_REALTIME', ndjson: Buffer.from('{"assetId":"a","modelId":"Meter","pointId":"Power","time":1,"value":1}\n{"assetId":"b",') },
      { ndjson: Buffer.from('"modelId":"Meter","pointId":"Power","time":2,"value":2}\nnot json\n') },
      { records: { records: [power('c', 3, 3)] } },
    ], tokens.operator);
    const otherChannel = await clientStream('Ingest', 'ingest', [
      { channel: 'CHANNEL_REALTIME', ndjson: Buffer.from('') },
      { channel: 'CHANNEL_OFFLINE', ndjson: Buffer.from('') },
    ], tokens.operator);
    const noFirstChannel = await clientStream('Ingest', 'ingest', [{ ndjson: Buffer.from('') }], tokens.operator);
    return {
      watch: await watch.done,
      outputs: await outputs.done,
      badWatch,
      noChannel,
      unknownWatch,
      unknownOutputs,
      otherChannelOutputs,
      start,
      ingest,
      otherChannel,
      noFirstChannel,
    };
  },

  // A line over 1 MiB in one message and split over several: refused once, as line 2.
  async ingestLongLine() {
    const long = `{"assetId":"long","modelId":"Meter","pointId":"Power","time":1,"pad":"${'x'.repeat(1100000)}"}`;
    const body = Buffer.from(`${good('a')}\n${long}\n${good('b')}\n${good('c')}\n`);
    // Cut inside the first line, twice inside the long one and right after its newline.
    const cuts = [0, 30, 400000, 1048576, body.indexOf('\n', 100) + 1, body.length];
    const pieces = cuts.slice(1).map((end, i) => ({ ndjson: body.subarray(cuts[i], end) }));
    pieces[0].channel = 'CHANNEL_OFFLINE';
    return {
      oneMessage: await clientStream('Ingest', 'ingest', [{ channel: 'CHANNEL_OFFLINE', ndjson: body }], tokens.operator),
      severalMessages: await clientStream('Ingest', 'ingest', pieces, tokens.operator),
    };
  },

  // Refusals are numbered by line, blank lines included, as a preview of the same text numbers them.
  async ingestBlankLine() {
    const blank = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${good(`a${i}`)}\n`).join('') + '\nnot json\n');
    return {
      ingest: await clientStream('Ingest', 'ingest', [{ channel: 'CHANNEL_OFFLINE', ndjson: blank }], tokens.operator),
      preview: await unary('Jobs', 'preview', { released: { name: 'doubler' }, ndjson: blank }, tokens.operator),
    };
  },

  // Structured records whose number JSON cannot hold (NaN, ±Infinity; the binary encoding carries
  // them): each is refused with its number, and the records around it are ingested.
  async ingestNotFinite() {
    const records = [power('nan', 2, NaN), power('b', 3, 3), power('inf', 4, Infinity), power('minus', 5, -Infinity)];
    return {
      ingest: await clientStream('Ingest', 'ingest', [
        { channel: 'CHANNEL_REALTIME', ndjson: Buffer.from(`${good('a')}\n`) },
        { records: { records } },
      ], tokens.operator),
      channel: await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator),
      preview: await unary('Jobs', 'preview', { released: { name: 'doubler' }, records: { records } }, tokens.operator),
    };
  },

  // Structured records whose value is an object or a list, which no point's type takes: they enter
  // the channel as an NDJSON sender's would, and the job refuses them, showing what was sent. One
  // with a NaN inside has no JSON form and is refused at once.
  async ingestStructuredValue() {
    const object = { ...power('object', 2, 0), value: { structValue: { fields: { kw: { numberValue: 5 }, ok: { boolValue: true } } } } };
    const list = { ...power('list', 3, 0), value: { listValue: { values: [{ numberValue: 1 }, { stringValue: 'a' }, { nullValue: 'NULL_VALUE' }] } } };
    const nested = { ...power('nested', 4, 0), value: { listValue: { values: [{ numberValue: NaN }] } } };
    const records = [object, list, nested];
    return {
      ingest: await clientStream('Ingest', 'ingest', [{ channel: 'CHANNEL_REALTIME', records: { records } }], tokens.operator),
      channel: await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator),
      preview: await unary('Jobs', 'preview', { released: { name: 'doubler' }, records: { records } }, tokens.operator),
    };
  },

  // A stream cancelled (call.cancel(): RST_STREAM CANCEL) once the daemon has read a message of two
  // whole lines and the start of a third: the daemon has read the cut-off line too when the two
  // whole ones are in the channel, as they are appended when their message is read.
  async ingestCancelled() {
    let ended;
    const answer = new Promise((resolve) => { ended = resolve; });
    const call = client('Ingest').ingest(auth(tokens.operator), { deadline: deadline(30000) }, (error, response) => {
      ended(error ? { error: describe(error) } : { code: 0, response });
    });
    call.write({ channel: 'CHANNEL_REALTIME', ndjson: Buffer.from(`${good('a')}\n${good('b')}\n{"assetId":"c","modelId":"Me`) });
    let channel;
    for (let attempt = 0; attempt < 400; attempt++) {
      channel = await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator);
      if (channel.response && channel.response.summary.recordsIn === '2') {
        break;
      }
      await sleep(50);
    }
    call.cancel();
    const ingest = await answer;
    // A call after the cancel on the same connection goes out after the RST_STREAM (and keeps the
    // connection open until the daemon has had it).
    const after = await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator);
    return { ingest, channel, after };
  },

  // Two whole lines, then a message larger than the daemon reads (4 MiB): the stream fails, and
  // the answer says how many of the earlier records went in.
  async ingestOversize() {
    let ended;
    const answer = new Promise((resolve) => { ended = resolve; });
    const call = client('Ingest').ingest(auth(tokens.operator), { deadline: deadline(30000) }, (error, response) => {
      ended(error ? { error: describe(error) } : { code: 0, response });
    });
    call.write({ channel: 'CHANNEL_REALTIME', ndjson: Buffer.from(`${good('a')}\n${good('b')}\n`) });
    for (let attempt = 0; attempt < 400; attempt++) {
      const channel = await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator);
      if (channel.response && channel.response.summary.recordsIn === '2') {
        break;
      }
      await sleep(50);
    }
    call.write({ ndjson: Buffer.alloc(5 * 1024 * 1024, 0x20) });
    call.end();
    return { ingest: await answer };
  },

  // Jobs named out of order and twice: each reported once, ordered by name, as the proto says.
  async reportOrder() {
    const names = ['doubler', 'adder', 'doubler'];
    return {
      status: await unary('Jobs', 'status', { names }, tokens.viewer),
      metrics: await unary('Jobs', 'metrics', { names }, tokens.viewer),
    };
  },

  // Enum numbers control.proto does not declare, as a client may send them.
  async undefinedEnums() {
    return {
      ingest: await clientStream('Ingest', 'ingest', [{ channel: 7, ndjson: Buffer.from(`${good('a')}\n`) }], tokens.operator),
      list: await unary('Jobs', 'list', { statuses: ['JOB_STATUS_RELEASED', 99] }, tokens.viewer),
      listDefined: await unary('Jobs', 'list', { statuses: ['JOB_STATUS_RELEASED'] }, tokens.viewer),
      // Declared, but "not set": no job ever has it, so a filter by it would match nothing, quietly.
      listUnspecified: await unary('Jobs', 'list', { statuses: ['JOB_STATUS_UNSPECIFIED'] }, tokens.viewer),
      // The latest records of the realtime channel, where channel 7 used to land.
      realtime: await unary('Jobs', 'preview', { released: { name: 'doubler' }, latest: 10 }, tokens.operator),
    };
  },
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
