import { parseDocument, type JsonDocument, type ParseOptions } from './document';
import { prepareDocument } from './prepare';
import type { Rule, RuleContext } from './rule';
import { spanOf } from './rule';
import type { WorkspaceView } from '../roles/workspace';
import { SEVERITY_ORDER, type Finding, type SeveritySetting } from './types';
import { ALL_RULES, FILE_SKIPPED_RULE } from '../rules';

export interface AnalysisOptions extends ParseOptions {
  /** Per-rule severity, already merged from `.ecs-iam.json` and editor settings. */
  ruleSeverities?: Record<string, SeveritySetting>;
  /** Absolute path of the document, when it is a file. */
  filePath?: string;
  /** The workspace index, for the rules that link task definitions to role policies. */
  workspace?: WorkspaceView;
}

export interface RunOptions {
  filePath?: string;
  workspace?: WorkspaceView;
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
  return { document, findings: analyzeDocument(document, options.ruleSeverities ?? {}, options) };
}

export function analyzeDocument(document: JsonDocument, ruleSeverities: Record<string, SeveritySetting>, run: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const runRule = (rule: Rule, check: (context: RuleContext) => void): void => {
    const setting = ruleSeverities[rule.meta.id];
    if (setting === 'off') return;
    const context: RuleContext = {
      document,
      filePath: run.filePath,
      workspace: run.workspace,
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
    runRule(FILE_SKIPPED_RULE, (context) => context.report({ at: { offset: 0, length: 0 }, message: document.skipped!.message }));
    return findings;
  }
  for (const rule of ALL_RULES) {
    if (!rule.meta.appliesTo.includes(document.kind)) continue;
    try {
      runRule(rule, (context) => rule.check(context));
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
