'use strict';
// End-to-end check of the Stream DSL language server with the reference LSP client library:
// starts the server as a real process (the command is given as arguments), then runs a
// session an editor would: initialize, open a broken file, see its diagnostics, fix it,
// see them cleared, then completion, hover, definition, highlights, folding, rename and
// formatting, an unsaved
// (untitled) buffer importing a file of the workspace folder, and workspace symbols in a
// folder whose links lead back up the tree.
// Prints one line per check and exits non-zero on the first failure.

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  CompletionRequest,
  HoverRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  FoldingRangeRequest,
  RenameRequest,
  DocumentFormattingRequest,
  WorkspaceSymbolRequest,
  ShutdownRequest,
  ExitNotification,
} = require('vscode-languageserver-protocol/node');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node client.js <server command> [args...]');
  process.exit(2);
}

const TIMEOUT_MS = 60000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-e2e-'));
const file = path.join(root, 'main.stream');
const uri = 'file://' + file.split(path.sep).map(encodeURIComponent).join('/');

// Line 9 reads a point with a typo; the model declares ReactivePower.
const broken = [
  'job e2e "End-to-end check"', //                         0
  '',
  'model WindTurbine {', //                                2
  '  ai ActivePower: double kW range [0, 3500]', //        3
  '  ai ReactivePower kvar', //                            4
  '  ai ApparentPower kVA', //                             5
  '}', //                                                  6
  '',
  'merge WindTurbine on ActivePower hold 10m {', //        8
  '  ApparentPower = sqrt(ActivePower ^ 2 + ReactivePwr ^ 2)', // 9
  '}',
  '',
].join('\n');
fs.writeFileSync(file, broken);

let failures = 0;
let checks = 0;
function check(name, ok, detail) {
  checks++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || detail === undefined ? '' : ': ' + detail}`);
  if (!ok) {
    failures++;
  }
}

function withTimeout(promise, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS)),
  ]);
}

async function main() {
  const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk) => { stderr += chunk.toString(); });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const diagnostics = [];
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  const waitForDiagnostics = (predicate, what) => withTimeout(new Promise((resolve) => {
    const seen = diagnostics.find(predicate);
    if (seen) {
      resolve(seen);
    } else {
      waiters.push({ predicate, resolve });
    }
  }), what);
  connection.listen();

  const init = await withTimeout(connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: 'file://' + root,
    capabilities: {},
    workspaceFolders: [{ uri: 'file://' + root, name: 'e2e' }],
  }), 'initialize');
  const caps = init.capabilities;
  check('initialize advertises incremental sync and the features',
    caps.textDocumentSync && caps.textDocumentSync.change === 2 && caps.completionProvider && caps.hoverProvider
      && caps.definitionProvider && caps.renameProvider && caps.documentFormattingProvider && caps.semanticTokensProvider
      && caps.documentHighlightProvider && caps.foldingRangeProvider,
    JSON.stringify(caps));
  await connection.sendNotification(InitializedNotification.type, {});

  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'stream', version: 1, text: broken },
  });
  const first = await waitForDiagnostics((p) => p.uri === uri && p.version === 1, 'diagnostics of version 1');
  const error = first.diagnostics.find((d) => d.severity === 1);
  check('a broken file gets an error diagnostic', error && error.code === 'DSL2003' && error.range.start.line === 9,
    JSON.stringify(first.diagnostics));

  const column = broken.split('\n')[9].indexOf('ReactivePwr');
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{
      range: { start: { line: 9, character: column }, end: { line: 9, character: column + 'ReactivePwr'.length } },
      text: 'ReactivePower',
    }],
  });
  const second = await waitForDiagnostics((p) => p.uri === uri && p.version === 2, 'diagnostics of version 2');
  check('an edit that fixes it clears the errors', !second.diagnostics.some((d) => d.severity === 1), JSON.stringify(second.diagnostics));

  const completion = await withTimeout(connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 9, character: 23 },
  }), 'completion');
  const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
  check('completion inside the expression offers the model\'s points and functions',
    labels.includes('ActivePower') && labels.includes('ReactivePower') && labels.includes('sqrt'), labels.join(','));

  const hover = await withTimeout(connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: { line: 9, character: 24 },
  }), 'hover');
  const hoverText = hover && hover.contents && (hover.contents.value || '');
  check('hover on a point shows its declaration', hoverText.includes('ai ActivePower: double kW'), JSON.stringify(hover));

  const definition = await withTimeout(connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri },
    position: { line: 8, character: 23 },
  }), 'definition');
  const location = Array.isArray(definition) ? definition[0] : definition;
  check('definition of a point goes to its declaration', location && location.range.start.line === 3, JSON.stringify(definition));

  // Highlights: a point's declaration, a trigger and an operand are read, an output's target is written.
  const highlights = await withTimeout(connection.sendRequest(DocumentHighlightRequest.type, {
    textDocument: { uri },
    position: { line: 9, character: 24 },
  }), 'document highlight');
  const highlighted = (highlights || []).map((h) => `${h.range.start.line}:${h.range.start.character}:${h.kind}`).join(',');
  check('highlights of a point mark its declaration, the trigger and the read', highlighted === '3:5:2,8:21:2,9:23:2', JSON.stringify(highlights));
  const written = await withTimeout(connection.sendRequest(DocumentHighlightRequest.type, {
    textDocument: { uri },
    position: { line: 9, character: 3 },
  }), 'document highlight of an output');
  check('highlights of an output\'s point mark it written there',
    (written || []).map((h) => `${h.range.start.line}:${h.kind}`).join(',') === '5:2,9:3', JSON.stringify(written));
  const nothing = await withTimeout(connection.sendRequest(DocumentHighlightRequest.type, {
    textDocument: { uri },
    position: { line: 1, character: 0 },
  }), 'document highlight on nothing');
  check('highlights on an empty line are none, not an error', Array.isArray(nothing) && nothing.length === 0, JSON.stringify(nothing));

  // Folding: the model and the merge block, each closing brace left visible.
  const folds = await withTimeout(connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), 'folding ranges');
  check('folding ranges cover the model and the rule',
    (folds || []).map((f) => `${f.startLine}-${f.endLine}`).join(',') === '2-5,8-9', JSON.stringify(folds));

  const rename = await withTimeout(connection.sendRequest(RenameRequest.type, {
    textDocument: { uri },
    position: { line: 4, character: 6 },
    newName: 'Reactive',
  }), 'rename');
  const edits = rename && rename.changes && rename.changes[uri];
  check('rename edits the declaration and the use', edits && edits.length === 2 && edits.every((e) => e.newText === 'Reactive'),
    JSON.stringify(rename));

  // Put the file in a non-canonical layout, then format it.
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: 'job   e2e\nmodel M {   ai  P kW // power\n ai Q }\nmerge M on P { Q = P*2 }\n' }],
  });
  const formatting = await withTimeout(connection.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri },
    options: { tabSize: 4, insertSpaces: true },
  }), 'formatting');
  const formatted = formatting && formatting.length === 1 ? formatting[0].newText : '';
  check('formatting gives the canonical layout with the comment kept',
    formatted === 'job e2e\nmodel M {\n  ai P kW // power\n  ai Q\n}\nmerge M on P {\n  Q = P * 2\n}\n', JSON.stringify(formatting));

  // An unsaved buffer imports from the workspace folder; what it reaches has file URIs.
  const library = path.join(root, 'lib.stream');
  const libraryUri = 'file://' + library.split(path.sep).map(encodeURIComponent).join('/');
  fs.writeFileSync(library, 'model Meter {\n  pi Reading kWh\n  pi DailyEnergy kWh\n}\n');
  const untitled = 'untitled:Untitled-1';
  const untitledText = 'job untitled_e2e\nimport "lib.stream"\nenergy Meter from Reading by meter {\n  daily DailyEnergy\n}\n';
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: untitled, languageId: 'stream', version: 1, text: untitledText },
  });
  const untitledDiagnostics = await waitForDiagnostics((p) => p.uri === untitled, 'diagnostics of the untitled buffer');
  check('an untitled buffer finds its import in the workspace folder',
    !untitledDiagnostics.diagnostics.some((d) => d.code === 'DSL2012'), JSON.stringify(untitledDiagnostics));
  const onImport = await withTimeout(connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: untitled },
    position: { line: 1, character: 10 },
  }), 'definition on an import path');
  check('definition on an untitled buffer\'s import path opens the file',
    Array.isArray(onImport) && onImport.length === 1 && onImport[0].uri === libraryUri, JSON.stringify(onImport));
  const onModel = await withTimeout(connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: untitled },
    position: { line: 2, character: 8 },
  }), 'definition from an untitled buffer');
  check('definition of an imported model from an untitled buffer is a file URI',
    Array.isArray(onModel) && onModel.length === 1 && onModel[0].uri === libraryUri, JSON.stringify(onModel));

  // Links back up the tree: each real file is listed once, and the request answers.
  fs.mkdirSync(path.join(root, 'd'));
  fs.symlinkSync('..', path.join(root, 'd', 'up'), 'dir');
  fs.symlinkSync(path.join('..', path.basename(root)), path.join(root, 'self'), 'dir');
  const symbols = await withTimeout(connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Meter' }), 'workspace symbols');
  const meters = (symbols || []).filter((s) => s.name === 'Meter' && s.location.uri === libraryUri);
  check('workspace symbols list a file once when links lead back up the tree',
    meters.length === 1 && (symbols || []).filter((s) => s.name === 'Meter').length === 1, JSON.stringify(symbols));

  await withTimeout(connection.sendRequest(ShutdownRequest.type), 'shutdown');
  await connection.sendNotification(ExitNotification.type);
  const code = await withTimeout(exited, 'exit');
  check('shutdown and exit end the server with code 0', code === 0, `exit code ${code}`);
  connection.dispose();

  if (failures > 0) {
    console.error('--- server stderr ---\n' + stderr);
  }
  console.log(`e2e: ${checks - failures} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`not ok - ${error.stack || error}`);
  process.exit(1);
}).finally(() => {
  fs.rmSync(root, { recursive: true, force: true });
});
