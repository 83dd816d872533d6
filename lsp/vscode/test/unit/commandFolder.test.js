// Where "Stream: Release", "Stream: Show job status" and "Stream: Preview job" run `dsl`.
const test = require('node:test');
const assert = require('node:assert/strict');
const { commandFolder } = require('../../out/commandFolder');

const folders = { '/work/jobs/demo.stream': '/work/jobs', '/work/jobs/lib/meters.stream': '/work/jobs' };
const folderOf = (resource) => folders[resource.fsPath];

test('a file in a workspace folder runs in that folder', () => {
  assert.equal(commandFolder({ scheme: 'file', fsPath: '/work/jobs/lib/meters.stream' }, folderOf, '/work/jobs'), '/work/jobs');
});

test('a file outside the workspace folders runs in its own folder', () => {
  assert.equal(commandFolder({ scheme: 'file', fsPath: '/tmp/scratch/demo.stream' }, folderOf, '/work/jobs'), '/tmp/scratch');
});

test('an untitled buffer runs in the first workspace folder, not in the editor\'s working directory', () => {
  assert.equal(commandFolder({ scheme: 'untitled', fsPath: 'Untitled-1' }, folderOf, '/work/jobs'), '/work/jobs');
});

test('no document runs in the first workspace folder, and nothing without one', () => {
  assert.equal(commandFolder(undefined, folderOf, '/work/jobs'), '/work/jobs');
  assert.equal(commandFolder(undefined, folderOf, undefined), undefined);
  assert.equal(commandFolder({ scheme: 'untitled', fsPath: 'Untitled-1' }, folderOf, undefined), undefined);
});
