// ecs-iam-lint: the command-line presenter. Finds files, reads them, runs the same analysis as
// the language server, prints text, JSON or SARIF, and exits 0 (clean), 1 (findings) or 2 (usage/I-O).
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { configSource, lintFiles, relative, type LintJob } from './cliLint';
import { DEFAULT_MAX_FILE_SIZE, isAnalysedFileName } from './core/document';
import { RULE_PHASES, type RulePhase, type Severity } from './core/types';
import { configuredFilesOf, readDecodedSync } from './workspace/files';
import { atOrAbove, formatGitlab, formatJson, formatSarif, formatText, type FileFinding } from './presenters/report';
import { ALL_RULES } from './analyzer';
import { runExplain } from './cliExplain';
import { SERVER_VERSION } from './version';

const USAGE = `Usage: ecs-iam-lint [options] [paths or globs...]
       ecs-iam-lint explain "<ECS error text>"   (see ecs-iam-lint explain --help)

Checks Amazon ECS task definitions, IAM policies and CloudFormation templates written as JSON.
A folder means every *.json, *.yaml, *.yml and *.template file below it (node_modules and .git are skipped; in a CDK
cdk.out folder only the *.template.json files, not manifests or assets). Default: the current folder.

Options:
  -f, --format <text|json|sarif|gitlab>
                                    output format (default: text; gitlab: a GitLab code quality report)
      --fail-on <error|warning|info> exit 1 when a finding at or above this level exists (default: error)
  -o, --output <file>               write the report to a file instead of standard output
  -c, --config <file>               use this .ecs-iam.json instead of the nearest one to each file
      --phase <phases>              report only findings of these phases, comma-separated:
                                    register (the API rejects it), start (the task fails to start),
                                    runtime (denied when it runs), advice (nothing fails)
      --max-file-size <KB>          skip files larger than this (default: ${DEFAULT_MAX_FILE_SIZE / 1024})
      --threads <n>                 worker threads for many files (default: one per idle CPU core; 1: none)
      --no-color                    plain text output
  -h, --help                        show this help
  -v, --version                     show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.`;

class UsageError extends Error {}

interface CliOptions {
  format: 'text' | 'json' | 'sarif' | 'gitlab';
  failOn: Severity;
  output?: string;
  config?: string;
  maxFileSizeKB: number;
  /** Worker threads; undefined: decided from the input and the cores. */
  threads?: number;
  /** Report only findings of these phases (all when absent). */
  phases?: ReadonlySet<RulePhase>;
  color: boolean;
  paths: string[];
}

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  /** Standard input, for `explain` without a text argument. */
  readStdin?: () => Promise<string>;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io, collectFiles);
  let options: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (parsed === 'version') {
      io.stdout(`${SERVER_VERSION}\n`);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.stderr(`ecs-iam-lint: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const ioErrors: string[] = [];
  let explicitConfig: LintJob['explicitConfig'];
  if (options.config) {
    const configPath = path.resolve(io.cwd, options.config);
    try {
      const decoded = readDecodedSync(configPath);
      if ('problem' in decoded) throw new Error(decoded.problem);
      explicitConfig = { path: configPath, text: decoded.text };
    } catch (error) {
      io.stderr(
        `ecs-iam-lint: cannot read the configuration ${options.config}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
      );
      return 2;
    }
  }
  const configs = configSource({ explicitConfig });
  const configFor = (file: string) => configs.explicit ?? configs.loader.forFile(file);

  const paths = collectFiles(options.paths.length > 0 ? options.paths : ['.'], io.cwd, ioErrors);
  // Read every file first: the workspace index links task definitions to the policies among them.
  const files: Array<[string, string]> = [];
  /** Files whose bytes are not text, with why (an encoding problem, reported as a finding on the file). */
  const undecodable: Record<string, string> = {};
  /** Reads a file into `into`; `mapped`: a file a role mapping names, whose absence is the configuration's finding, not an I/O error. */
  const read = (file: string, into: Array<[string, string]>, mapped = false): void => {
    try {
      const decoded = readDecodedSync(file);
      if ('problem' in decoded) undecodable[file] = decoded.problem;
      into.push([file, 'text' in decoded ? decoded.text : '']);
    } catch (error) {
      if (!mapped) {
        ioErrors.push(`cannot read ${relative(io.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  };
  const configsUsed = new Map<string, ReturnType<typeof configFor>>();
  for (const file of paths) {
    const config = configFor(file);
    if (config.file) configsUsed.set(config.file, config);
    if (config.isIgnored(file)) continue;
    read(file, files);
  }
  // The configuration that applies is checked too (a role mapping that points at nothing is an error there),
  // and the files its role mappings name count for linking though they were not named here; they are read
  // only when they resolve inside the configuration's folder.
  const context: Array<[string, string]> = [];
  const named = new Set(files.map(([file]) => file));
  for (const config of configsUsed.values()) {
    if (!named.has(config.file!)) {
      named.add(config.file!);
      read(config.file!, files);
    }
    for (const file of configuredFilesOf(config)) {
      if (named.has(file)) continue;
      named.add(file);
      read(file, context, true);
    }
  }

  const job: LintJob = { cwd: io.cwd, files, context, undecodable, maxFileSize: options.maxFileSizeKB * 1024, explicitConfig };
  const threads = threadCount(options.threads, files);
  const linted = (threads > 1 && (await lintInWorkers(job, threads))) || (await lintFiles(job, configs));
  const findings = options.phases ? linted.filter((finding) => options.phases!.has(finding.phase)) : linted;
  const checked = files.length;

  let report: string;
  switch (options.format) {
    case 'json':
      report = formatJson(findings);
      break;
    case 'sarif':
      report = formatSarif(findings, ALL_RULES, SERVER_VERSION);
      break;
    case 'gitlab':
      report = formatGitlab(findings);
      break;
    default:
      report = formatText(findings, checked, options.color && io.isTty && !options.output);
  }
  if (options.output) {
    try {
      writeFileSync(path.resolve(io.cwd, options.output), `${report}\n`);
    } catch (error) {
      io.stderr(`ecs-iam-lint: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(`${report}\n`);
  }
  for (const message of ioErrors) io.stderr(`ecs-iam-lint: ${message}\n`);
  if (ioErrors.length > 0) return 2;
  return findings.some((finding) => atOrAbove(finding.severity, options.failOn)) ? 1 : 0;
}

function parseArgs(argv: readonly string[]): CliOptions | 'help' | 'version' {
  const options: CliOptions = { format: 'text', failOn: 'error', maxFileSizeKB: DEFAULT_MAX_FILE_SIZE / 1024, color: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'gitlab') {
          throw new UsageError(`unknown format "${format}" (use text, json, sarif or gitlab)`);
        }
        options.format = format;
        break;
      }
      case '--fail-on': {
        const level = value();
        if (level !== 'error' && level !== 'warning' && level !== 'info') {
          throw new UsageError(`--fail-on takes error, warning or info, not "${level}"`);
        }
        options.failOn = level;
        break;
      }
      case '-o':
      case '--output':
        options.output = value();
        break;
      case '-c':
      case '--config':
        options.config = value();
        break;
      case '--max-file-size': {
        const size = Number(value());
        if (!Number.isFinite(size) || size <= 0) throw new UsageError('--max-file-size takes a positive number of KB');
        options.maxFileSizeKB = size;
        break;
      }
      case '--threads': {
        const count = Number(value());
        if (!Number.isInteger(count) || count < 1) throw new UsageError('--threads takes a whole number of at least 1');
        options.threads = count;
        break;
      }
      case '--phase': {
        const phases = value()
          .split(',')
          .map((phase) => phase.trim())
          .filter(Boolean);
        const unknown = phases.filter((phase) => !(RULE_PHASES as readonly string[]).includes(phase));
        if (phases.length === 0 || unknown.length > 0) {
          throw new UsageError(
            `--phase takes a comma-separated list of ${RULE_PHASES.join(', ')}${unknown.length > 0 ? `, not "${unknown.join(',')}"` : ''}`,
          );
        }
        options.phases = new Set(phases as RulePhase[]);
        break;
      }
      case '--no-color':
        options.color = false;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  return options;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const GLOB_CHARACTERS = /[*?[\]{}]/;

/** Files to lint, in a stable order: named files as given, folders walked for *.json and YAML, globs expanded. */
function collectFiles(inputs: readonly string[], cwd: string, errors: string[]): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    if (GLOB_CHARACTERS.test(input)) {
      const { base, glob } = picomatch.scan(input);
      const baseDirectory = path.resolve(cwd, base || '.');
      const matches = picomatch(glob, { dot: false });
      const found = walk(baseDirectory, () => true).filter((file) => matches(path.relative(baseDirectory, file).split(path.sep).join('/')));
      if (found.length === 0) errors.push(`no files match ${input}`);
      found.forEach((file) => files.add(file));
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      errors.push(`no such file or folder: ${input}`);
      continue;
    }
    if (stats.isDirectory()) walk(absolute, isAnalysedFileName, true).forEach((file) => files.add(file));
    else files.add(absolute);
  }
  return [...files];
}

/**
 * A CDK cloud assembly (`cdk.out`: a `manifest.json` beside a `cdk.out` version file) is read for its
 * `*.template.json` files and its nested assemblies (`assembly-<Stage>/`): its manifests, `tree.json`, asset
 * manifests and `asset.<hash>/` folders (Docker contexts, Lambda bundles) are CDK's, not templates.
 */
function isCloudAssembly(names: ReadonlySet<string>): boolean {
  return names.has('manifest.json') && names.has('cdk.out');
}

function walk(directory: string, accept: (name: string) => boolean, cloudAssemblies = false): string[] {
  const result: string[] = [];
  const stack = [directory];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const assembly = cloudAssemblies && isCloudAssembly(new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name)));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && (!assembly || entry.name.startsWith('assembly-'))) stack.push(full);
      } else if (entry.isFile() && accept(entry.name) && (!assembly || entry.name.endsWith('.template.json'))) {
        result.push(full);
      }
    }
  }
  return result.sort();
}

/** Below this much text, starting threads (each loads the analysis and the IAM data) costs more than it saves. */
const PARALLEL_MIN_BYTES = 1024 * 1024;
const PARALLEL_MIN_FILES = 64;

function threadCount(requested: number | undefined, files: ReadonlyArray<[string, string]>): number {
  if (requested !== undefined) return Math.min(requested, files.length);
  let bytes = 0;
  for (const [, text] of files) bytes += text.length;
  if (files.length < PARALLEL_MIN_FILES || bytes < PARALLEL_MIN_BYTES) return 1;
  // Only the cores other work leaves idle: each thread indexes every file and loads the IAM data again,
  // so on a busy machine (a CI runner running other jobs) more threads only add that work.
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const idle = cores - Math.round(os.loadavg()[0]);
  return Math.max(1, Math.min(cores, idle, 8));
}

/**
 * Checks the files in worker threads (cliParallel.js, a bundle of its own next to this one: this bundle
 * and the server's load no thread module). Resolves undefined when threads are not available here, and
 * the caller checks the files itself.
 */
async function lintInWorkers(job: LintJob, threads: number): Promise<FileFinding[] | undefined> {
  let parallel: { lintInParallel(job: LintJob, threads: number): Promise<FileFinding[] | undefined> };
  try {
    // A path computed at run time: the bundler leaves the module where it is (a separate file).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, found next to this one
    parallel = require(path.join(__dirname, 'cliParallel.js'));
  } catch {
    return undefined;
  }
  return parallel.lintInParallel(job, threads);
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`ecs-iam-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
