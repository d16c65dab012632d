// ecs-iam-lint: the command-line presenter. Finds files, reads them, runs the same analysis as
// the language server, prints text, JSON or SARIF, and exits 0 (clean), 1 (findings) or 2 (usage/I-O).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ALL_RULES, ALL_RULE_IDS, analyzeDocument } from './analyzer';
import { DEFAULT_MAX_FILE_SIZE, parseDocument } from './core/document';
import { prepareDocument } from './core/prepare';
import { loadWholeCatalog } from './iam/catalog';
import { WorkspaceIndex } from './workspace';
import type { Severity } from './core/types';
import { atOrAbove, formatJson, formatSarif, formatText, type FileFinding } from './presenters/report';
import { SERVER_VERSION } from './version';
import { ConfigLoader, FixedConfigLoader, loadedFrom, type LoadedConfig } from './workspace/configLoader';

const USAGE = `Usage: ecs-iam-lint [options] [paths or globs...]

Checks Amazon ECS task definitions, IAM policies and CloudFormation templates written as JSON.
A folder means every *.json file below it (node_modules and .git are skipped). Default: the current folder.

Options:
  -f, --format <text|json|sarif>    output format (default: text)
      --fail-on <error|warning|info> exit 1 when a finding at or above this level exists (default: error)
  -o, --output <file>               write the report to a file instead of standard output
  -c, --config <file>               use this .ecs-iam.json instead of the nearest one to each file
      --max-file-size <KB>          skip files larger than this (default: ${DEFAULT_MAX_FILE_SIZE / 1024})
      --no-color                    plain text output
  -h, --help                        show this help
  -v, --version                     show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.`;

class UsageError extends Error {}

/** Policy files from which the CLI reads the whole IAM catalogue at once instead of service by service. */
const WHOLE_CATALOG_AT = 20;

interface CliOptions {
  format: 'text' | 'json' | 'sarif';
  failOn: Severity;
  output?: string;
  config?: string;
  maxFileSizeKB: number;
  color: boolean;
  paths: string[];
}

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
  let explicitConfig: LoadedConfig | undefined;
  if (options.config) {
    const configPath = path.resolve(io.cwd, options.config);
    try {
      explicitConfig = loadedFrom(configPath, readFileSync(configPath, 'utf8'), ALL_RULE_IDS);
    } catch (error) {
      io.stderr(`ecs-iam-lint: cannot read the configuration ${options.config}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }
  const loader = new ConfigLoader(undefined, undefined, ALL_RULE_IDS);
  const configFor = (file: string) => explicitConfig ?? loader.forFile(file);

  const files = collectFiles(options.paths.length > 0 ? options.paths : ['.'], io.cwd, ioErrors);
  const maxFileSize = options.maxFileSizeKB * 1024;
  // Read every file first: the workspace index links task definitions to the policies among them.
  const index = new WorkspaceIndex({ roots: [io.cwd], configs: explicitConfig ? new FixedConfigLoader(explicitConfig) : loader, maxFileSize });
  const texts = new Map<string, string>();
  const reportedConfigs = new Set<string>();
  for (const file of files) {
    const config = configFor(file);
    if (config.file && config.problems.length > 0 && !reportedConfigs.has(config.file)) {
      reportedConfigs.add(config.file);
      io.stderr(`ecs-iam-lint: ${relative(io.cwd, config.file)} has ${config.problems.length} problem(s): ${config.problems.map((p) => p.message).join(' ')} The defaults apply for those settings.\n`);
    }
    if (config.isIgnored(file)) continue;
    try {
      const text = readFileSync(file, 'utf8');
      texts.set(file, text);
      index.update(file, text);
    } catch (error) {
      ioErrors.push(`cannot read ${relative(io.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  // Many policies name most of the IAM catalogue: one read and one parse of all of it is then much
  // cheaper than hundreds of per-service reads (the findings are the same: services are still built on
  // demand, when a document's preparation asks for them).
  let policyFiles = 0;
  for (const entry of index.files()) if (entry.document.policies.length > 0) policyFiles++;
  if (policyFiles >= WHOLE_CATALOG_AT) loadWholeCatalog();

  const findings: FileFinding[] = [];
  for (const [file, text] of texts) {
    const config = configFor(file);
    const document = index.get(file)?.document ?? parseDocument(text, { fileName: path.basename(file), maxFileSize });
    await prepareDocument(document);
    for (const finding of analyzeDocument(document, config.config.rules, { filePath: file, workspace: index })) {
      findings.push({
        file: relative(io.cwd, file),
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        docsUrl: finding.docsUrl,
        range: document.lines.rangeOf(finding.span),
      });
    }
  }
  const checked = texts.size;

  let report: string;
  switch (options.format) {
    case 'json':
      report = formatJson(findings);
      break;
    case 'sarif':
      report = formatSarif(findings, ALL_RULES, SERVER_VERSION);
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
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
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
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (use text, json or sarif)`);
        options.format = format;
        break;
      }
      case '--fail-on': {
        const level = value();
        if (level !== 'error' && level !== 'warning' && level !== 'info') throw new UsageError(`--fail-on takes error, warning or info, not "${level}"`);
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

/** Files to lint, in a stable order: named files as given, folders walked for *.json, globs expanded. */
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
    if (stats.isDirectory()) walk(absolute, (name) => name.toLowerCase().endsWith('.json')).forEach((file) => files.add(file));
    else files.add(absolute);
  }
  return [...files];
}

function walk(directory: string, accept: (name: string) => boolean): string[] {
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
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && accept(entry.name)) {
        result.push(full);
      }
    }
  }
  return result.sort();
}

function relative(cwd: string, file: string): string {
  const relativePath = path.relative(cwd, file);
  return (relativePath === '' ? path.basename(file) : relativePath).split(path.sep).join('/');
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`ecs-iam-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
