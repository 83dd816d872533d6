// What "stream.dslPath" names, for the language server and the commands alike.
const test = require('node:test');
const assert = require('node:assert/strict');
const { dslCommand } = require('../../out/dslCommand');

test('an empty setting is dsl, looked up on the PATH, as a bare name is', () => {
  assert.equal(dslCommand(undefined, '/work/jobs', '/home/ana'), 'dsl');
  assert.equal(dslCommand('  ', '/work/jobs', '/home/ana'), 'dsl');
  assert.equal(dslCommand('dsl-nightly', '/work/jobs', '/home/ana'), 'dsl-nightly');
});

test('~ is the home folder', () => {
  assert.equal(dslCommand('~/.dotnet/tools/dsl', '/work/jobs', '/home/ana'), '/home/ana/.dotnet/tools/dsl');
});

test('${workspaceFolder} is the first workspace folder', () => {
  assert.equal(dslCommand('${workspaceFolder}/bin/dsl', '/work/jobs', '/home/ana'), '/work/jobs/bin/dsl');
});

test('a relative path is taken from the first workspace folder, not from where a command runs', () => {
  assert.equal(dslCommand('tools/dsl', '/work/jobs', '/home/ana'), '/work/jobs/tools/dsl');
  assert.equal(dslCommand('/opt/dsl/dsl', '/work/jobs', '/home/ana'), '/opt/dsl/dsl');
});

test('without a workspace folder, a path is used as written', () => {
  assert.equal(dslCommand('tools/dsl', undefined, '/home/ana'), 'tools/dsl');
  assert.equal(dslCommand('${workspaceFolder}/dsl', undefined, '/home/ana'), '${workspaceFolder}/dsl');
});
