// Kept free of the vscode module, which exists only inside the editor, so that node's test
// runner can load it (test/unit).

/**
 * The job a `.stream` text declares on its `job` line, as the daemon names it (a name written in
 * backticks without them), or undefined for a model library, which has no job line. Comments and
 * strings are skipped, so neither `// job old` nor a description holding the word counts.
 */
export function declaredJob(text: string): string | undefined {
  const words = /[A-Za-z_][A-Za-z0-9_]*|`[^`\r\n]*`/y;
  let expectName = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
        i += text[i] === '\\' ? 2 : 1;
      }
      i++;
      expectName = false;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      words.lastIndex = i;
      const word = words.exec(text)?.[0];
      if (word === undefined) {
        i++;
        expectName = false;
        continue;
      }
      if (expectName) {
        return word.startsWith('`') ? word.slice(1, -1) : word;
      }
      expectName = word === 'job';
      i += word.length;
    }
  }
  return undefined;
}

/**
 * `dsl jobs preview --file FILE`: the daemon runs the file as it is on disk (with the files it
 * imports), unreleased, on the latest records of the job's channel, or on `input` when one is
 * configured; nothing is persisted.
 */
export function previewArgs(file: string, input: string, server: readonly string[]): string[] {
  const records = input.trim().length > 0 ? ['--input', input.trim()] : [];
  return ['jobs', 'preview', '--file', file, ...records, ...server];
}

/** `dsl jobs status [JOB]`: the job of the current file, or every job when there is none. */
export function statusArgs(job: string | undefined, server: readonly string[]): string[] {
  return ['jobs', 'status', ...(job === undefined ? [] : [job]), ...server];
}
