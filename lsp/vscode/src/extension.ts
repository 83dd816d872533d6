import * as vscode from 'vscode';
import { execFile } from 'child_process';
import { commandFolder } from './commandFolder';
import { declaredJob, previewArgs, statusArgs } from './daemonCommands';
import { previewTarget } from './previewTarget';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let serverLog: vscode.LogOutputChannel | undefined;

/** The `dsl` executable the user configured (`stream.dslPath`), `dsl` on the PATH otherwise. */
function dslPath(): string {
  const configured = vscode.workspace.getConfiguration('stream').get<string>('dslPath');
  return configured && configured.trim().length > 0 ? configured.trim() : 'dsl';
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

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = dslPath();
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
  };
  client = new LanguageClient('stream', 'Stream DSL language server', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Stream: could not start "${command} lsp" (${String(error)}). Set "stream.dslPath" to the dsl executable.`,
    );
  }
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
  await vscode.workspace.saveAll(false);
  await runDsl(['release', ...serverArgs()], workspaceFolderOf(file));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('stream.preview', previewJob),
    vscode.commands.registerCommand('stream.status', showStatus),
    vscode.commands.registerCommand('stream.release', release),
    vscode.commands.registerCommand('stream.restartServer', async () => {
      await client?.stop();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('stream.dslPath')) {
        await client?.stop();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
