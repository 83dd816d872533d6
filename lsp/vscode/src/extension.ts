import * as vscode from 'vscode';
import { execFile } from 'child_process';
import { commandFolder } from './commandFolder';
import { declaredJob, previewArgs, statusArgs } from './daemonCommands';
import { dslCommand } from './dslCommand';
import { previewTarget } from './previewTarget';
import {
  CloseAction,
  ErrorAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
/** The start of `client` (startClient), which never rejects. */
let starting: Promise<void> = Promise.resolve();
/** The last replacement of the client under way (see restartClient), which never rejects. */
let replacing: Promise<unknown> = Promise.resolve();
/** How long stopClient waits for a client that is still starting. */
const startWaitMs = 5000;
let output: vscode.OutputChannel | undefined;
let serverLog: vscode.LogOutputChannel | undefined;

/** The `dsl` executable the user configured (`stream.dslPath`), `dsl` on the PATH otherwise. */
function dslPath(): string {
  const configured = vscode.workspace.getConfiguration('stream').get<string>('dslPath');
  return dslCommand(configured, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
}

/** `--server URL` when `stream.server` is set; otherwise the CLI's own default applies. */
function serverArgs(): string[] {
  const server = vscode.workspace.getConfiguration('stream').get<string>('server');
  return server && server.trim().length > 0 ? ['--server', server.trim()] : [];
}

function channel(): vscode.OutputChannel {
  output ??= vscode.window.createOutputChannel('Stream');
  return output;
}

/**
 * What a client does when its connection fails. The library restarts a server that exits, up to
 * four times, with a popup at every attempt: right for a server that ran and crashed, pointless
 * for a program that exits before it is running (a `stream.dslPath` that is not dsl, such as
 * /bin/false), which would only fail four more times, and wrong for a client that was replaced
 * while starting (it is being stopped on purpose). Those are let go quietly: startClient reports
 * a failed start once.
 */
function connectionErrorHandler(self: () => LanguageClient): ErrorHandler {
  let restarts: ErrorHandler | undefined;
  const running = () => self() === client && self().state === State.Running;
  const byDefault = () => (restarts ??= self().createDefaultErrorHandler());
  return {
    error: (error, message, count) =>
      running() ? byDefault().error(error, message, count) : { action: ErrorAction.Shutdown, handled: true },
    closed: () => (running() ? byDefault().closed() : { action: CloseAction.DoNotRestart, handled: true }),
  };
}

function createClient(command: string): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'stream' },
      { scheme: 'untitled', language: 'stream' },
    ],
    // Changes of .stream files on disk: the server registers the watcher it needs.
    outputChannel: (serverLog ??= vscode.window.createOutputChannel('Stream Language Server', { log: true })),
    errorHandler: connectionErrorHandler(() => created),
    // A failed initialize is a failed start, which startClient reports; by default the library
    // would show two popups of its own first.
    initializationFailedHandler: () => false,
  };
  const created = new LanguageClient('stream', 'Stream DSL language server', serverOptions, clientOptions);
  return created;
}

/** Starts a new client; says so once when it cannot, unless it was replaced meanwhile (and stopped on purpose). */
async function startClient(started: LanguageClient, command: string): Promise<void> {
  try {
    await started.start();
  } catch (error) {
    if (started === client) {
      void vscode.window.showErrorMessage(
        `Stream: could not start "${command} lsp" (${String(error)}). Set "stream.dslPath" to the dsl executable.`,
      );
    }
  }
}

/** Waits for `promise`, but no longer than `ms` milliseconds. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}

/**
 * Stops the client, whatever state it is in, and forgets it. LanguageClient.stop rejects a client
 * that is not running: one whose start failed (after ending the process it started, so nothing is
 * left to stop), and one still starting, which would come up afterwards with nothing to stop it.
 * So a start under way is waited for first, though not for ever (a program that never answers
 * would hold up every later replacement), and the rejection is only logged: it must neither keep
 * the next server from starting nor make deactivate fail. Disposed rather than stopped, so that
 * the library never restarts it.
 */
async function stopClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (!stopping) {
    return;
  }
  await within(starting, startWaitMs);
  const wasRunning = stopping.state === State.Running;
  try {
    await stopping.dispose();
  } catch (error) {
    if (wasRunning) {
      serverLog?.error(`Stopping the server failed: ${String(error)}`);
    }
  }
}

/**
 * Replaces the client with one for the current `stream.dslPath`: on activation, when the setting
 * changes and on "Stream: Restart language server". The stop of the old client and the start of
 * the new one are queued behind the previous replacement, so that two quick changes cannot both
 * start a server, one of which nothing would stop. The queue does not wait for the new server to
 * be up, only the caller does.
 */
function restartClient(): Promise<void> {
  const replaced = replacing.then(async () => {
    await stopClient();
    const command = dslPath();
    client = createClient(command);
    starting = startClient(client, command);
    return { started: starting };
  });
  replacing = replaced.catch(() => undefined);
  return replaced.then(({ started }) => started);
}

/** Runs `dsl ARGS…`, showing the command and everything it prints in the Stream output channel. */
function runDsl(args: string[], cwd: string | undefined): Promise<number> {
  const out = channel();
  const command = dslPath();
  out.show(true);
  out.appendLine(`$ ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (stdout) {
        out.append(stdout);
      }
      if (stderr) {
        out.append(stderr);
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if (error && typeof error.code !== 'number') {
        out.appendLine(`Could not run ${command}: ${error.message}`);
      }
      out.appendLine(`[exit code ${code}]`);
      resolve(code);
    });
  });
}

function activeStreamFile(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'stream') {
    void vscode.window.showWarningMessage('Stream: open a .stream file first.');
    return undefined;
  }
  return editor.document.uri;
}

function workspaceFolderOf(uri: vscode.Uri | undefined): string | undefined {
  return commandFolder(uri, (resource) => vscode.workspace.getWorkspaceFolder(resource)?.uri.fsPath, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
}

async function previewJob(): Promise<void> {
  const uri = activeStreamFile();
  if (!uri) {
    return;
  }
  // dsl reads the file (and its imports) from disk and sends them to the daemon: save it first,
  // and preview where it was saved (an untitled buffer asks where to), or nothing if it was not.
  const target = previewTarget(await vscode.workspace.save(uri));
  if (!('file' in target)) {
    if (target.reason === 'not-on-disk') {
      void vscode.window.showWarningMessage('Stream: the preview needs the job saved as a file on this machine.');
    }
    return;
  }
  const file = vscode.Uri.file(target.file);
  const input = vscode.workspace.getConfiguration('stream').get<string>('previewInput') ?? '';
  await runDsl(previewArgs(file.fsPath, input, serverArgs()), workspaceFolderOf(file));
}

async function showStatus(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const job = editor?.document.languageId === 'stream' ? declaredJob(editor.document.getText()) : undefined;
  await runDsl(statusArgs(job, serverArgs()), workspaceFolderOf(editor?.document.uri));
}

async function release(): Promise<void> {
  const file = vscode.window.activeTextEditor?.document.uri;
  const answer = await vscode.window.showWarningMessage(
    'Stream: release the workspace to the daemon? Running jobs that changed are upgraded.',
    { modal: true },
    'Release',
  );
  if (answer !== 'Release') {
    return;
  }
  // dsl releases the files as they are on disk: after a failed save that is not what the editor
  // shows, so nothing is released (as Preview previews nothing), and the message says why.
  if (!(await vscode.workspace.saveAll(false))) {
    void vscode.window.showErrorMessage(
      'Stream: nothing was released, since a file could not be saved: dsl would release it as it is on disk, not as it is here.',
    );
    return;
  }
  await runDsl(['release', ...serverArgs()], workspaceFolderOf(file));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('stream.preview', previewJob),
    vscode.commands.registerCommand('stream.status', showStatus),
    vscode.commands.registerCommand('stream.release', release),
    vscode.commands.registerCommand('stream.restartServer', () => restartClient()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('stream.dslPath')) {
        await restartClient();
      }
    }),
  );
  // No disposable for the client here: deactivate stops whichever client is current then.
  await restartClient();
}

export async function deactivate(): Promise<void> {
  replacing = replacing.then(stopClient);
  await replacing;
}
