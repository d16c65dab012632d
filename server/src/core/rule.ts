import type { Node } from 'jsonc-parser';
import type { WorkspaceView } from './workspace';
import type { JsonDocument } from './document';
import { isQuoted } from './yamlStyle';
import { embeddedQuoteWidth } from './embedded';
import type { DocumentKind, Fix, RelatedSpan, RulePhase, Severity, TextSpan } from './types';

export interface RuleMeta {
  /** Stable id users put in `.ecs-iam.json`; never renamed once released. */
  id: string;
  /** One line, shown in the rule catalogue. */
  title: string;
  defaultSeverity: Severity;
  /** When what it reports would fail: at registration, at task start, at run time, or never (advice). */
  phase: RulePhase;
  /** The AWS page the rule rests on. */
  docsUrl: string;
  /** Markdown: why the rule exists and how to satisfy it (rule catalogue, SARIF help). */
  description: string;
  fixable: boolean;
  appliesTo: readonly DocumentKind[];
}

export interface ReportedProblem {
  at: Node | TextSpan;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. error on Fargate, warning on EC2). */
  severity?: Severity;
  /** Overrides the rule's phase for this finding (e.g. `start` on EC2 where Fargate rejects the registration). */
  phase?: RulePhase;
  docsUrl?: string;
  data?: Record<string, unknown>;
  /** Other places in the same document the finding covers. */
  related?: RelatedSpan[];
}

export interface RuleContext {
  document: JsonDocument;
  /** Absolute path of the document, when it is a file. */
  filePath?: string;
  /** The other files of the workspace, for rules that link task definitions and policies. */
  workspace?: WorkspaceView;
  /** The ids of every rule of the catalogue this analysis runs (`config/invalid` checks `.ecs-iam.json` against them). */
  ruleIds: readonly string[];
  report(problem: ReportedProblem): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/**
 * The rules an analysis runs. The catalogue (`rules/index.ts`) is passed in from above: core never imports
 * `rules/` (`server/src/analyzer.ts` binds the two for the server, the CLI and tests).
 */
export interface RuleCatalogue {
  /** Every rule, in the order their findings are produced. */
  readonly rules: readonly Rule[];
  /** Their ids, in the same order. */
  readonly ids: readonly string[];
  /** Reported alone, by the analyser, on a document that was skipped (too large, too deep, binary). */
  readonly fileSkipped: Rule;
}

export function spanOf(at: Node | TextSpan): TextSpan {
  return { offset: at.offset, length: at.length };
}

/** The span of a string node's contents, without its quotes. */
export function innerSpan(node: Node): TextSpan {
  // Inside a policy written as a JSON string, a quote is written `\"`: two characters.
  const width = embeddedQuoteWidth(node);
  if (width !== undefined) return { offset: node.offset + width, length: Math.max(0, node.length - 2 * width) };
  // A plain YAML scalar has no quotes: its text is its whole span.
  return node.type === 'string' && node.length >= 2 && isQuoted(node) ? { offset: node.offset + 1, length: node.length - 2 } : spanOf(node);
}
