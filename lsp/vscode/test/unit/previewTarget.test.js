// Which file "Stream: Preview job" runs `dsl preview` on once it asked to save the document.
const test = require('node:test');
const assert = require('node:assert/strict');
const { previewTarget } = require('../../out/previewTarget');

test('a saved file is previewed at its path', () => {
  assert.deepEqual(previewTarget({ scheme: 'file', fsPath: '/work/jobs/demo.stream' }), { file: '/work/jobs/demo.stream' });
});

test('an untitled buffer saved as a file is previewed where it was saved, not by its untitled name', () => {
  // vscode.workspace.save gives back the resource the Save As chose.
  assert.deepEqual(previewTarget({ scheme: 'file', fsPath: '/home/me/new.stream' }), { file: '/home/me/new.stream' });
});

test('nothing is previewed when the save was cancelled or failed', () => {
  assert.deepEqual(previewTarget(undefined), { reason: 'cancelled' });
});

test('a document saved outside the local file system is not previewed', () => {
  assert.deepEqual(previewTarget({ scheme: 'vscode-vfs', fsPath: '/github/o/r/demo.stream' }), { reason: 'not-on-disk' });
  assert.deepEqual(previewTarget({ scheme: 'untitled', fsPath: 'Untitled-1' }), { reason: 'not-on-disk' });
});
