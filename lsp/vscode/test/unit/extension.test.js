// The extension itself, in a mocked editor with a mocked language client: starting and replacing
// the language server, and what "Stream: Release" does after a failed save.
const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');

// The numbers vscode-languageclient gives these enums.
const State = { Stopped: 1, Running: 2, Starting: 3 };
const ErrorAction = { Continue: 1, Shutdown: 2 };
const CloseAction = { DoNotRestart: 1, Restart: 2 };

/**
 * An editor with the extension loaded afresh. `programs` says how a `stream.dslPath` behaves as a
 * server: `missing` fails to start, `slow` starts once the test calls `finishStart()`, anything
 * else (or a path not listed) starts.
 */
function load(dslPath, programs = {}) {
  const editor = {
    settings: { 'stream.dslPath': dslPath, 'stream.server': '', 'stream.previewInput': '' },
    programs,
    clients: [],
    errors: [],
    output: [],
    saveAllSucceeds: true,
    configListeners: [],
    commands: {},
    context: { subscriptions: [] },
    changeSetting(key, value) {
      this.settings[key] = value;
      const event = { affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) };
      return Promise.all(this.configListeners.map((listener) => listener(event)));
    },
    running() {
      return this.clients.filter((client) => client.phase === 'running');
    },
  };

  /** LanguageClient as far as the extension uses it, with its rule that stop and dispose reject a client that is not running. */
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      this.command = serverOptions.run.command;
      this.clientOptions = clientOptions;
      this.phase = 'initial';
      this.disposed = false;
      editor.clients.push(this);
    }
    get state() {
      return this.phase === 'running' ? State.Running : this.phase === 'starting' ? State.Starting : State.Stopped;
    }
    start() {
      this.phase = 'starting';
      const program = editor.programs[this.command];
      if (program === 'missing') {
        this.phase = 'startFailed';
        return Promise.reject(new Error(`Launching server using command ${this.command} failed.`));
      }
      if (program === 'slow') {
        return new Promise((resolve) => {
          this.finishStart = () => {
            this.phase = 'running';
            resolve();
          };
        });
      }
      this.phase = 'running';
      return Promise.resolve();
    }
    async stop() {
      if (this.phase === 'initial' || this.phase === 'stopped') {
        return;
      }
      if (this.phase !== 'running') {
        throw new Error(`Client is not running and can't be stopped. It's current state is: ${this.phase}`);
      }
      this.phase = 'stopped';
    }
    dispose() {
      this.disposed = true;
      return this.stop();
    }
    createDefaultErrorHandler() {
      return { error: () => ({ action: ErrorAction.Continue }), closed: () => ({ action: CloseAction.Restart }) };
    }
  }

  const channel = () => ({
    append: (text) => editor.output.push(text),
    appendLine: (line) => editor.output.push(line),
    error: (line) => editor.output.push(line),
    show() {},
  });
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => editor.settings[`${section}.${key}`] }),
      onDidChangeConfiguration: (listener) => {
        editor.configListeners.push(listener);
        return { dispose() {} };
      },
      saveAll: async () => editor.saveAllSucceeds,
      getWorkspaceFolder: () => undefined,
      workspaceFolders: undefined,
    },
    window: {
      activeTextEditor: undefined,
      createOutputChannel: channel,
      showErrorMessage: async (message) => void editor.errors.push(message),
      // The confirmation of "Stream: Release" is answered yes.
      showWarningMessage: async (message, options, ...actions) => (options?.modal ? actions[0] : undefined),
    },
    commands: {
      registerCommand: (id, callback) => {
        editor.commands[id] = callback;
        return { dispose() {} };
      },
    },
    Uri: { file: (fsPath) => ({ scheme: 'file', fsPath }) },
  };
  const languageClient = { LanguageClient, State, ErrorAction, CloseAction, TransportKind: { stdio: 0 } };

  const file = require.resolve('../../out/extension');
  delete require.cache[file];
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') {
      return vscode;
    }
    if (request === 'vscode-languageclient/node') {
      return languageClient;
    }
    return load.call(this, request, ...rest);
  };
  try {
    editor.extension = require(file);
  } finally {
    Module._load = load;
  }
  return editor;
}

test('a server that failed to start starts when stream.dslPath is changed to a working dsl', async () => {
  const editor = load('/nowhere/dsl', { '/nowhere/dsl': 'missing' });
  await editor.extension.activate(editor.context);
  assert.equal(editor.errors.length, 1);
  assert.match(editor.errors[0], /could not start "\/nowhere\/dsl lsp".*stream\.dslPath/);

  await editor.changeSetting('stream.dslPath', '/opt/dsl/dsl');
  assert.deepEqual(editor.running().map((client) => client.command), ['/opt/dsl/dsl']);
  assert.equal(editor.clients[0].disposed, true);
  assert.equal(editor.errors.length, 1);
});

test('"Stream: Restart language server" and deactivate work after a failed start', async () => {
  const editor = load('/opt/dsl/dsl', { '/opt/dsl/dsl': 'missing' });
  await editor.extension.activate(editor.context);
  await editor.extension.deactivate();

  await editor.extension.activate(editor.context);
  editor.programs['/opt/dsl/dsl'] = 'dsl'; // installed meanwhile
  await editor.commands['stream.restartServer']();
  assert.equal(editor.running().length, 1);
  await editor.extension.deactivate();
  assert.equal(editor.running().length, 0);
});

test('a server changed while it is still starting is stopped once it is up, and only the new one runs', async () => {
  const editor = load('/slow/dsl', { '/slow/dsl': 'slow' });
  const activated = editor.extension.activate(editor.context);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(editor.clients[0].phase, 'starting');
  const changed = editor.changeSetting('stream.dslPath', '/opt/dsl/dsl');
  await new Promise((resolve) => setImmediate(resolve));
  editor.clients[0].finishStart();
  await Promise.all([activated, changed]);
  assert.equal(editor.clients[0].phase, 'stopped');
  assert.deepEqual(editor.running().map((client) => client.command), ['/opt/dsl/dsl']);
  assert.deepEqual(editor.errors, []);
});

test('two quick changes of stream.dslPath leave one server running', async () => {
  const editor = load('/opt/dsl/dsl');
  await editor.extension.activate(editor.context);
  await Promise.all([editor.changeSetting('stream.dslPath', '/a/dsl'), editor.changeSetting('stream.dslPath', '/b/dsl')]);
  assert.deepEqual(editor.running().map((client) => client.command), ['/b/dsl']);
});

test('restarting the server adds nothing to the extension\'s subscriptions', async () => {
  const editor = load('/opt/dsl/dsl');
  await editor.extension.activate(editor.context);
  const subscriptions = editor.context.subscriptions.length;
  await editor.commands['stream.restartServer']();
  await editor.changeSetting('stream.dslPath', '/usr/local/bin/dsl');
  assert.equal(editor.context.subscriptions.length, subscriptions);
});

test('a program that exits before it is running is not restarted, and only the start failure is reported', async () => {
  const editor = load('/bin/false', { '/bin/false': 'missing' });
  await editor.extension.activate(editor.context);
  const options = editor.clients[0].clientOptions;
  assert.deepEqual(await options.errorHandler.closed(), { action: CloseAction.DoNotRestart, handled: true });
  assert.deepEqual(await options.errorHandler.error(new Error('write EPIPE'), undefined, 1), { action: ErrorAction.Shutdown, handled: true });
  assert.equal(options.initializationFailedHandler(new Error('write EPIPE')), false);
  assert.equal(editor.errors.length, 1);
});

test('a server that ran and crashed is restarted as the client library does by default', async () => {
  const editor = load('/opt/dsl/dsl');
  await editor.extension.activate(editor.context);
  assert.deepEqual(await editor.clients[0].clientOptions.errorHandler.closed(), { action: CloseAction.Restart });
});

test('"Stream: Release" releases nothing when a file could not be saved', async () => {
  const editor = load(path.join(__dirname, 'no-such-dsl'));
  await editor.extension.activate(editor.context);
  editor.saveAllSucceeds = false;
  await editor.commands['stream.release']();
  assert.equal(editor.output.some((line) => String(line).includes(' release')), false);
  assert.equal(editor.errors.length, 1);
  assert.match(editor.errors[0], /nothing was released.*could not be saved/);
});

test('"Stream: Release" runs dsl release once every file is saved', async () => {
  const dsl = path.join(__dirname, 'no-such-dsl');
  const editor = load(dsl);
  await editor.extension.activate(editor.context);
  await editor.commands['stream.release']();
  assert.ok(editor.output.includes(`$ ${dsl} release`));
  assert.deepEqual(editor.errors, []);
});
