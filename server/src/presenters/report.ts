// Formats CLI results as text, JSON, SARIF 2.1.0 or a GitLab code quality report. Pure functions over plain data.
import type { Rule } from '../core/rule';
import { SEVERITY_ORDER, type Range, type RulePhase, type Severity } from '../core/types';

export interface FileFinding {
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  docsUrl: string;
  /** When it would fail: register, start, runtime or advice. */
  phase: RulePhase;
  range: Range;
  /** The finding's other places in the same file (e.g. every other occurrence of a repeated placeholder). */
  related?: Array<{ range: Range; message: string }>;
  /** In CDK output: the construct path of the resource (`aws:cdk:path`), and its logical id. */
  cdkPath?: string;
  /** The logical id (CDK output) or the Terraform resource address (`.tf` files, plans). */
  resource?: string;
}

export function formatJson(findings: readonly FileFinding[]): string {
  return JSON.stringify(
    findings.map(({ file, ruleId, severity, phase, message, range, related, resource }) => ({
      file,
      ruleId,
      severity,
      phase,
      message,
      range,
      ...(related ? { related } : {}),
      ...(resource ? { resource } : {}),
    })),
    null,
    2,
  );
}

export function formatText(findings: readonly FileFinding[], filesChecked: number, useColor: boolean): string {
  const paint = (code: string, text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const finding of findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(paint('4', finding.file));
      currentFile = finding.file;
    }
    const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    lines.push(
      `  ${where.padEnd(8)} ${paint(severityColor[finding.severity], finding.severity.padEnd(7))} ${finding.message}  ${paint('90', `${finding.ruleId} (${finding.phase})`)}`,
    );
  }
  const count = (severity: Severity, noun: string, plural = `${noun}s`) => {
    const n = findings.filter((finding) => finding.severity === severity).length;
    return `${n} ${n === 1 ? noun : plural}`;
  };
  if (lines.length > 0) lines.push('');
  const checked = `${filesChecked} file${filesChecked === 1 ? '' : 's'} checked`;
  if (findings.length === 0) lines.push(`No problems found (${checked}).`);
  else {
    lines.push(
      `${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'info', 'info')}, ${count('hint', 'hint')}) in ${checked}.`,
    );
  }
  return lines.join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(findings: readonly FileFinding[], rules: readonly Rule[], toolVersion: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecs-iam-lint',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: ruleName(rule.meta.id),
              shortDescription: { text: rule.meta.title },
              fullDescription: { text: plainText(rule.meta.description) },
              help: {
                text: `${plainText(rule.meta.description)}${rule.meta.docsUrl ? `\n\nSee ${rule.meta.docsUrl}` : ''}`,
                markdown: rule.meta.description,
              },
              ...(rule.meta.docsUrl ? { helpUri: rule.meta.docsUrl } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[rule.meta.defaultSeverity] },
              properties: { tags: rule.meta.appliesTo.includes('ecs-task-definition') ? ['ecs'] : ['iam'], phase: rule.meta.phase },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: SARIF_LEVEL[finding.severity],
          message: { text: finding.message },
          properties: { phase: finding.phase },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
                region: sarifRegion(finding.range),
              },
              ...(finding.cdkPath
                ? { logicalLocations: [{ name: finding.resource, fullyQualifiedName: finding.cdkPath, kind: 'resource' }] }
                : finding.resource
                  ? { logicalLocations: [{ name: finding.resource, fullyQualifiedName: finding.resource, kind: 'resource' }] }
                  : {}),
            },
          ],
          ...(finding.related?.length
            ? {
                relatedLocations: finding.related.map((related, id) => ({
                  id,
                  message: { text: related.message },
                  physicalLocation: {
                    artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
                    region: sarifRegion(related.range),
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** `ecs/same-task-and-execution-role` -> `EcsSameTaskAndExecutionRole` (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*|`/g, '')
    .replace(/\n(?!\n)/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** GitLab's code quality severities (info, minor, major, critical, blocker): AWS-rejected is major, not a blocker. */
const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * A GitLab code quality report (the Code Climate subset GitLab reads: `description`, `check_name`,
 * `fingerprint`, `severity`, `location.path`, `location.lines.begin`). The fingerprint identifies a finding
 * across pipelines so merge requests show what is new: it hashes the file, the rule, the message and the
 * finding's rank among identical ones, not its line, so an edit elsewhere in the file keeps it.
 */
export function formatGitlab(findings: readonly FileFinding[]): string {
  const seen = new Map<string, number>();
  return JSON.stringify(
    findings.map((finding) => {
      const identity = `${finding.file}\u0000${finding.ruleId}\u0000${finding.message}`;
      const rank = seen.get(identity) ?? 0;
      seen.set(identity, rank + 1);
      return {
        description: `${finding.message} [${finding.phase}]`,
        check_name: finding.ruleId,
        fingerprint: fingerprint(`${identity}\u0000${rank}`),
        severity: GITLAB_SEVERITY[finding.severity],
        location: { path: finding.file, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
      };
    }),
    null,
    2,
  );
}

/** 128 bits of two FNV-1a variants over the UTF-16 code units, as 32 hex digits (stable, no crypto module needed). */
function fingerprint(text: string): string {
  const hashes = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x2f3a6b9d];
  for (let i = 0; i < text.length; i++) {
    for (let h = 0; h < hashes.length; h++) hashes[h] = Math.imul(hashes[h] ^ (text.charCodeAt(i) + h * 0x9e37), 0x01000193) >>> 0;
  }
  return hashes.map((hash) => hash.toString(16).padStart(8, '0')).join('');
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}

/** A SARIF region: 1-based lines and columns (columns in UTF-16 code units, as `columnKind` says). */
function sarifRegion(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
