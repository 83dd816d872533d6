// What the commands that call the daemon ask dsl to do: preview the current job, show its status.
const test = require('node:test');
const assert = require('node:assert/strict');
const { declaredJob, previewArgs, statusArgs } = require('../../out/daemonCommands');

test('the job of a file is the name on its job line', () => {
  assert.equal(declaredJob('job power "Active power"\n\nmodel M {\n  ai P\n}\n'), 'power');
  assert.equal(declaredJob('import "../models/m.stream"\njob energy\n'), 'energy');
});

test('comments and descriptions before or on the job line are not the job', () => {
  assert.equal(declaredJob('// job old\n/* job older\n*/\njob current "the job that replaced job old"\n'), 'current');
  assert.equal(declaredJob('job/* it */power'), 'power');
});

test('a name in backticks is the job named without them', () => {
  assert.equal(declaredJob('job `my job` "spaced"\n'), 'my job');
});

test('a model library has no job', () => {
  assert.equal(declaredJob('model Meter {\n  pi Total kWh // the job of the register\n}\n'), undefined);
  assert.equal(declaredJob(''), undefined);
});

test('a preview runs the file on the daemon, on the channel\'s latest records unless an input is set', () => {
  assert.deepEqual(previewArgs('/ws/jobs/power.stream', '', []), ['jobs', 'preview', '--file', '/ws/jobs/power.stream']);
  assert.deepEqual(previewArgs('/ws/jobs/power.stream', ' records.jsonl ', ['--server', 'http://h:7400']),
    ['jobs', 'preview', '--file', '/ws/jobs/power.stream', '--input', 'records.jsonl', '--server', 'http://h:7400']);
});

test('the status is the current job\'s, or every job\'s without one', () => {
  assert.deepEqual(statusArgs('power', []), ['jobs', 'status', 'power']);
  assert.deepEqual(statusArgs(undefined, ['--server', 'http://h:7400']), ['jobs', 'status', '--server', 'http://h:7400']);
});
