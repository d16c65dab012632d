// Preloaded (`node --require`) into a server or CLI process by tests: records the path of every call the
// process makes through `node:fs` and `node:fs/promises` (reads, opens, stats, real paths, folder listings)
// and prints them as one line on standard error when the process exits, so a test can prove which files
// were touched and that nothing outside a folder was. It records only when ECS_IAM_RECORD_FS=1, so a test
// may import `touchedPaths` from here without recording itself. Node's permission model only refuses a read; the
// code under test may catch that error, so the refusal alone would prove nothing.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';

export const FS_ACCESS_MARKER = 'FS-ACCESS ';

/** `name path` per distinct call, e.g. `readFileSync /work/x.json`, `realpathSync.native /work/link.json`. */
const touched = new Set<string>();
const record = (name: string, target: unknown) => {
  if (typeof target === 'string') touched.add(`${name} ${target}`);
  else if (Buffer.isBuffer(target)) touched.add(`${name} ${target.toString()}`);
  else if (target instanceof URL) touched.add(`${name} ${target.pathname}`);
};

const FUNCTIONS = [
  'readFile',
  'readFileSync',
  'open',
  'openSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'realpath',
  'realpathSync',
  'readdir',
  'readdirSync',
  'opendir',
  'opendirSync',
  'exists',
  'existsSync',
  'access',
  'accessSync',
  'createReadStream',
  'readlink',
  'readlinkSync',
] as const;

function wrap(target: Record<string, unknown>, name: string): void {
  const original = target[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    record(name, args[0]);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  // fs.realpathSync.native and fs.realpath.native: the single realpath(3) call.
  const native = (original as { native?: unknown }).native;
  if (typeof native === 'function') {
    (wrapped as unknown as { native: unknown }).native = function (this: unknown, ...args: unknown[]) {
      record(`${name}.native`, args[0]);
      return (native as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  target[name] = wrapped;
}

if (process.env.ECS_IAM_RECORD_FS === '1') {
  for (const name of FUNCTIONS) {
    wrap(fs as unknown as Record<string, unknown>, name);
    wrap(fsPromises as unknown as Record<string, unknown>, name);
  }
  process.on('exit', () => {
    process.stderr.write(`\n${FS_ACCESS_MARKER}${JSON.stringify([...touched])}\n`);
  });
}

/** `node` arguments and environment that preload the recorder into a child process. */
export const RECORDER_NODE_ARGS = ['--require', __filename];
export const RECORDER_ENV = { ECS_IAM_RECORD_FS: '1' };

/** The calls (`{ call, path }`) a process run with this preload made, read back from its standard error. */
export function touchedPaths(stderr: string): Array<{ call: string; path: string }> {
  const line = stderr.split('\n').find((candidate) => candidate.startsWith(FS_ACCESS_MARKER));
  if (!line) throw new Error(`no ${FS_ACCESS_MARKER.trim()} line: was the recorder preloaded?\n${stderr}`);
  return (JSON.parse(line.slice(FS_ACCESS_MARKER.length)) as string[]).map((entry) => ({
    call: entry.slice(0, entry.indexOf(' ')),
    path: entry.slice(entry.indexOf(' ') + 1),
  }));
}
