/**
 * Line-by-line JSONL for the classify / classifier commands: input is read as a stream (never all
 * of stdin at once), bad lines are reported with their line number and skipped, output is written
 * with back-pressure so a slow reader never makes memory grow.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface JsonlProblem {
  line: number;
  message: string;
}

/**
 * Calls `onRecord` for each JSON object line; `onRecord` returns a problem string to skip the line.
 * Blank lines are ignored. Resolves with the problems found.
 */
export const readJsonl = async (
  input: Readable,
  onRecord: (record: Record<string, unknown>, line: number) => string | undefined | Promise<string | undefined>,
  onProblem: (p: JsonlProblem) => void,
): Promise<JsonlProblem[]> => {
  const problems: JsonlProblem[] = [];
  const report = (line: number, message: string): void => {
    const p = { line, message };
    problems.push(p);
    onProblem(p);
  };
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const text = raw.trim();
    if (text === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      report(n, `not valid JSON (${(e as Error).message})`);
      continue;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      report(n, 'not a JSON object');
      continue;
    }
    const problem = await onRecord(record as Record<string, unknown>, n);
    if (problem) report(n, problem);
  }
  return problems;
};

/** Buffers lines and writes them in chunks, waiting for 'drain' when the reader is slow. */
export const createLineWriter = (out: Writable, chunkBytes = 64 * 1024) => {
  let buffer: string[] = [];
  let size = 0;
  let closed = false;
  out.on('error', (e: NodeJS.ErrnoException) => {
    // the reader went away (e.g. `| head`): stop writing, quietly
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  const flush = async (): Promise<void> => {
    if (!buffer.length || closed) return;
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (out.write(chunk)) return;
    try {
      await once(out, 'drain');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
      else throw e;
    }
  };
  return {
    async write(line: string): Promise<void> {
      buffer.push(line, '\n');
      size += line.length + 1;
      if (size >= chunkBytes) await flush();
    },
    flush,
    get closed() {
      return closed;
    },
  };
};

export const reportProblemTo = (err: Writable) => (p: JsonlProblem): void => {
  err.write(`line ${p.line}: ${p.message}, skipped\n`);
};
