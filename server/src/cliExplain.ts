// `ecs-iam-lint explain "<error>"`: the command-line presenter of the explain core (server/src/explain).
// Reads the error from the arguments or standard input, indexes the workspace files, prints the answer as
// text, Markdown or JSON. Exit codes: 0 a recognised error, 1 a text it does not recognise, 2 usage or I/O.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULE_IDS } from './analyzer';
import { explainError } from './explain/explain';
import { renderExplanationMarkdown, renderExplanationText } from './explain/render';
import { WorkspaceIndex } from './workspace';
import { DEFAULT_MAX_FILE_SIZE } from './core/document';
import { ConfigLoader } from './workspace/configLoader';

export const EXPLAIN_USAGE = `Usage: ecs-iam-lint explain [options] ["<error text>"]

Explains an ECS task start or registration error (a stopped reason, a service event, a CLI error):
which role needed what, what in the workspace grants or denies it, and the fix. Without a text argument
(or with -), the error is read from standard input.

Options:
  -f, --format <text|markdown|json>  output format (default: text)
  -w, --workspace <path>             the files to search for task definitions and policies; repeatable
                                     (default: the current folder)
  -h, --help                         show this help

Exit codes: 0 a recognised error, 1 a text that is not a known ECS error, 2 usage or I/O error.`;

export interface ExplainIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin?: () => Promise<string>;
}

export async function runExplain(
  argv: readonly string[],
  io: ExplainIo,
  collectFiles: (inputs: readonly string[], cwd: string, errors: string[]) => string[],
): Promise<number> {
  let format: 'text' | 'markdown' | 'json' = 'text';
  const roots: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-h' || flag === '--help') {
      io.stdout(`${EXPLAIN_USAGE}\n`);
      return 0;
    } else if (flag === '-f' || flag === '--format') {
      const chosen = value();
      if (chosen !== 'text' && chosen !== 'markdown' && chosen !== 'json') {
        io.stderr(`ecs-iam-lint explain: unknown format "${chosen ?? ''}" (use text, markdown or json)\n`);
        return 2;
      }
      format = chosen;
    } else if (flag === '-w' || flag === '--workspace') {
      const root = value();
      if (!root) {
        io.stderr('ecs-iam-lint explain: --workspace needs a path\n');
        return 2;
      }
      roots.push(root);
    } else if (arg.startsWith('-') && arg !== '-' && words.length === 0 && !/\s/.test(arg)) {
      io.stderr(`ecs-iam-lint explain: unknown option ${arg}\n\n${EXPLAIN_USAGE}\n`);
      return 2;
    } else if (arg !== '-') {
      words.push(arg);
    }
  }
  let text = words.join(' ');
  if (text.trim() === '') text = io.readStdin ? await io.readStdin() : '';
  if (text.trim() === '') {
    io.stderr(`ecs-iam-lint explain: no error text (pass it as an argument or on standard input)\n\n${EXPLAIN_USAGE}\n`);
    return 2;
  }

  const errors: string[] = [];
  const loader = new ConfigLoader(undefined, undefined, ALL_RULE_IDS);
  const index = new WorkspaceIndex({ roots: [io.cwd], configs: loader, maxFileSize: DEFAULT_MAX_FILE_SIZE });
  for (const file of collectFiles(roots.length > 0 ? roots : ['.'], io.cwd, errors)) {
    if (loader.forFile(file).isIgnored(file)) continue;
    try {
      index.update(file, readFileSync(file, 'utf8'));
    } catch (error) {
      errors.push(`cannot read ${path.relative(io.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const explanation = explainError(text, index);
  if (format === 'json') io.stdout(`${JSON.stringify(explanation, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(`${renderExplanationMarkdown(explanation)}\n`);
  else io.stdout(`${renderExplanationText(explanation, (file) => path.relative(io.cwd, file).split(path.sep).join('/'))}\n`);
  for (const message of errors) io.stderr(`ecs-iam-lint explain: ${message}\n`);
  if (errors.length > 0) return 2;
  return explanation.family === 'unknown' ? 1 : 0;
}
