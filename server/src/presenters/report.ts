// Formats CLI results as text, JSON or SARIF 2.1.0. Pure functions over plain data.
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
  resource?: string;
}

export function formatJson(findings: readonly FileFinding[]): string {
  return JSON.stringify(
    findings.map(({ file, ruleId, severity, phase, message, range, related }) => ({
      file,
      ruleId,
      severity,
      phase,
      message,
      range,
      ...(related ? { related } : {}),
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
