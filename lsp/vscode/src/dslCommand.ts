// Kept free of the vscode module, which exists only inside the editor, so that node's test
// runner can load it (test/unit).
import * as os from 'os';
import * as path from 'path';

/**
 * The `dsl` program `stream.dslPath` names, as settings usually write paths: `~` is the home
 * folder, `${workspaceFolder}` the first workspace folder, and a relative path with a folder in
 * it (`tools/dsl`) is taken from the first workspace folder, for the language server and the
 * commands alike (the commands run in other folders). A bare name (`dsl`) is looked up on the
 * PATH; an empty setting is `dsl`.
 */
export function dslCommand(configured: string | undefined, firstWorkspaceFolder: string | undefined, home = os.homedir()): string {
  let command = configured?.trim() || 'dsl';
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(home, command.slice(1));
  }
  if (firstWorkspaceFolder) {
    command = command.split('${workspaceFolder}').join(firstWorkspaceFolder);
    if (!path.isAbsolute(command) && /[\\/]/.test(command)) {
      command = path.join(firstWorkspaceFolder, command);
    }
  }
  return command;
}
