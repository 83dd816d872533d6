// Kept free of the vscode module, which exists only inside the editor, so that node's test
// runner can load it (test/unit).

/** A resource a save resulted in: its scheme and, for a `file:` one, its path on disk. */
export interface SavedResource {
  readonly scheme: string;
  readonly fsPath: string;
}

/**
 * What "Stream: Preview job" previews: the file `dsl preview` reads, or why there is none.
 * `cancelled`: nothing was saved (the Save As of an untitled buffer was cancelled, or the
 * save failed, which the editor reports itself), so the file on disk, if any, is not what the
 * editor shows. `not-on-disk`: the document was saved outside the local file system, where
 * `dsl` cannot read it.
 */
export type PreviewTarget = { readonly file: string } | { readonly reason: 'cancelled' | 'not-on-disk' };

/**
 * The target of a preview from the resource the document was saved to: that resource rather
 * than the document's own, since an untitled buffer (`untitled:Untitled-1`) has a path only
 * once it is saved.
 */
export function previewTarget(saved: SavedResource | undefined): PreviewTarget {
  if (!saved) {
    return { reason: 'cancelled' };
  }
  return saved.scheme === 'file' ? { file: saved.fsPath } : { reason: 'not-on-disk' };
}
