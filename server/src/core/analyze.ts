import { parseDocument, type JsonDocument, type ParseOptions } from './document';
import { prepareDocument } from './prepare';
import type { Rule, RuleContext } from './rule';
import { spanOf } from './rule';
import { SEVERITY_ORDER, type Finding, type SeveritySetting } from './types';
import { ALL_RULES, FILE_SKIPPED_RULE } from '../rules';

export interface AnalysisOptions extends ParseOptions {
  /** Per-rule severity, already merged from `.ecs-iam.json` and editor settings. */
  ruleSeverities?: Record<string, SeveritySetting>;
}

export interface AnalysisResult {
  document: JsonDocument;
  findings: Finding[];
}

/**
 * Parses and checks one JSON document: no LSP, no file system; the same for the server and the CLI.
 * Awaits the data the document needs (IAM catalogue services) before the synchronous rules run.
 */
export async function analyze(text: string, options: AnalysisOptions = {}): Promise<AnalysisResult> {
  const document = parseDocument(text, options);
  await prepareDocument(document);
  return { document, findings: analyzeDocument(document, options.ruleSeverities ?? {}) };
}

export function analyzeDocument(document: JsonDocument, ruleSeverities: Record<string, SeveritySetting>): Finding[] {
  const findings: Finding[] = [];
  const run = (rule: Rule, check: (context: RuleContext) => void): void => {
    const setting = ruleSeverities[rule.meta.id];
    if (setting === 'off') return;
    const context: RuleContext = {
      document,
      report(problem) {
        findings.push({
          ruleId: rule.meta.id,
          severity: setting ?? problem.severity ?? rule.meta.defaultSeverity,
          span: spanOf(problem.at),
          message: problem.message,
          docsUrl: problem.docsUrl ?? rule.meta.docsUrl,
          fixes: problem.fixes ?? [],
          data: problem.data,
        });
      },
    };
    check(context);
  };

  if (document.skipped) {
    run(FILE_SKIPPED_RULE, (context) => context.report({ at: { offset: 0, length: 0 }, message: document.skipped!.message }));
    return findings;
  }
  for (const rule of ALL_RULES) {
    if (!rule.meta.appliesTo.includes(document.kind)) continue;
    try {
      run(rule, (context) => rule.check(context));
    } catch (error) {
      // One broken rule must not take the others (or the server) down with it.
      findings.push({
        ruleId: 'internal/rule-failed',
        severity: 'hint',
        span: { offset: 0, length: 0 },
        message: `Rule ${rule.meta.id} failed on this document: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
        docsUrl: '',
        fixes: [],
      });
    }
  }
  findings.sort((a, b) => a.span.offset - b.span.offset || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
  return findings;
}
