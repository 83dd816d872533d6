// Kept free of the vscode module, which exists only inside the editor, so that node's test
// runner can load it (test/unit).
import * as path from 'path';
import { SavedResource } from './previewTarget';

/**
 * The folder the commands run `dsl` in: the workspace folder of the current document, else the
 * folder of the file itself. A document that is no file (an untitled buffer), or none at all,
 * has no folder of its own: the first workspace folder serves, where the language server takes
 * an untitled buffer to be. Undefined only without any folder (dsl then runs where the editor does).
 */
export function commandFolder<R extends SavedResource>(
  current: R | undefined,
  workspaceFolderOf: (resource: R) => string | undefined,
  firstWorkspaceFolder: string | undefined,
): string | undefined {
  const folder = current ? workspaceFolderOf(current) : undefined;
  if (folder) {
    return folder;
  }
  return current?.scheme === 'file' ? path.dirname(current.fsPath) : firstWorkspaceFolder;
}
