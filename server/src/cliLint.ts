// The CLI's analysis of files already read: the workspace index of all of them (cross-file rules see every
// file), then every file (or one share of them, in a worker thread) parsed, prepared and checked. Shared by
// the single-threaded CLI (cli.ts) and its worker threads (cliParallel.ts); no I/O here but the nearest
// `.ecs-iam.json` lookups of the config loader.
import path from 'node:path';
import { ALL_RULE_IDS, analyzeDocument } from './analyzer';
import { parseDocument, undecodableDocument } from './core/document';
import { prepareDocument } from './core/prepare';
import { loadWholeCatalog } from './iam/catalog';
import type { FileFinding } from './presenters/report';
import { WorkspaceIndex } from './workspace';
import { ConfigLoader, FixedConfigLoader, loadedFrom, type LoadedConfig } from './workspace/configLoader';
import { loadHclParser } from './workspace/hclWasm';
import { isTerraformFileName } from './core/hcl';

/** What a lint run needs, as plain data (it crosses to worker threads). */
export interface LintJob {
  cwd: string;
  /** [absolute path, text] of every file read, in report order. */
  files: Array<[string, string]>;
  maxFileSize: number;
  /** [absolute path, text] of files read only for linking (what `.ecs-iam.json` role mappings name): indexed, not checked. */
  context?: Array<[string, string]>;
  /** Files (of `files` or `context`) whose bytes are not text, with the encoding problem to report. */
  undecodable?: Record<string, string>;
  /** `--config`: the file and its text. */
  explicitConfig?: { path: string; text: string };
  /** Indexes (into `files`) of the files to check; all of them when absent. */
  only?: number[];
}

/** Policy files from which the whole IAM catalogue is read at once instead of service by service. */
const WHOLE_CATALOG_AT = 20;

export function configSource(job: Pick<LintJob, 'explicitConfig'>): { loader: ConfigLoader; explicit?: LoadedConfig } {
  const explicit = job.explicitConfig ? loadedFrom(job.explicitConfig.path, job.explicitConfig.text, ALL_RULE_IDS) : undefined;
  return { loader: explicit ? new FixedConfigLoader(explicit) : new ConfigLoader(undefined, undefined, ALL_RULE_IDS), explicit };
}

/** Findings of the job's files, file by file in the job's order. */
export async function lintFiles(job: LintJob, configs = configSource(job)): Promise<FileFinding[]> {
  return (await lintFilesGrouped(job, configs)).flat();
}

/** The same, one list per file checked (in the order of `job.only`, or of `job.files`). */
export async function lintFilesGrouped(job: LintJob, configs = configSource(job)): Promise<FileFinding[][]> {
  const { loader, explicit } = configs;
  // Terraform files need the HCL parser (WebAssembly, compiled once) before they are parsed.
  if ([...job.files, ...(job.context ?? [])].some(([file]) => isTerraformFileName(file))) await loadHclParser();
  const configFor = (file: string) => explicit ?? loader.forFile(file);
  const index = new WorkspaceIndex({ roots: [job.cwd], configs: loader, maxFileSize: job.maxFileSize });
  const undecodable = job.undecodable ?? {};
  for (const [file, text] of [...job.files, ...(job.context ?? [])]) {
    if (undecodable[file]) index.notReadable(file, 'it is not in a readable encoding (save it as UTF-8)');
    else index.update(file, text);
  }
  index.markComplete();

  // Many policies name most of the IAM catalogue: one read and one parse of all of it is then much
  // cheaper than hundreds of per-service reads (the findings are the same: services are still built on
  // demand, when a document's preparation asks for them).
  let policyFiles = 0;
  for (const entry of index.files()) if (entry.document.policies.length > 0) policyFiles++;
  if (policyFiles >= WHOLE_CATALOG_AT) loadWholeCatalog();

  const groups: FileFinding[][] = [];
  for (const position of job.only ?? job.files.keys()) {
    const findings: FileFinding[] = [];
    groups.push(findings);
    const [file, text] = job.files[position];
    const config = configFor(file);
    const document = undecodable[file]
      ? undecodableDocument(undecodable[file])
      : (index.get(file)?.document ??
        parseDocument(text, { fileName: path.basename(file), maxFileSize: job.maxFileSize, policyType: config.policyTypeOf(file) }));
    await prepareDocument(document);
    for (const finding of analyzeDocument(document, config.config.rules, { filePath: file, workspace: index })) {
      findings.push({
        file: relative(job.cwd, file),
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        docsUrl: finding.docsUrl,
        phase: finding.phase,
        range: document.lines.rangeOf(finding.span),
        ...(finding.related?.length
          ? { related: finding.related.map((related) => ({ range: document.lines.rangeOf(related.span), message: related.message })) }
          : {}),
        ...(typeof finding.data?.cdkPath === 'string' ? { cdkPath: finding.data.cdkPath, resource: String(finding.data.resource) } : {}),
        ...(typeof finding.data?.terraformAddress === 'string' ? { resource: finding.data.terraformAddress } : {}),
      });
    }
  }
  return groups;
}

export function relative(cwd: string, file: string): string {
  const relativePath = path.relative(cwd, file);
  return (relativePath === '' ? path.basename(file) : relativePath).split(path.sep).join('/');
}
