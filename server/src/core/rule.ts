import type { Node } from 'jsonc-parser';
import type { WorkspaceView } from './workspace';
import type { JsonDocument } from './document';
import type { DocumentKind, Fix, Severity, TextSpan } from './types';

export interface RuleMeta {
  /** Stable id users put in `.ecs-iam.json`; never renamed once released. */
  id: string;
  /** One line, shown in the rule catalogue. */
  title: string;
  defaultSeverity: Severity;
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
  docsUrl?: string;
  data?: Record<string, unknown>;
}

export interface RuleContext {
  document: JsonDocument;
  /** Absolute path of the document, when it is a file. */
  filePath?: string;
  /** The other files of the workspace, for rules that link task definitions and policies. */
  workspace?: WorkspaceView;
  report(problem: ReportedProblem): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function spanOf(at: Node | TextSpan): TextSpan {
  return { offset: at.offset, length: at.length };
}

/** The span of a string node's contents, without its quotes. */
export function innerSpan(node: Node): TextSpan {
  return node.type === 'string' && node.length >= 2 ? { offset: node.offset + 1, length: node.length - 2 } : spanOf(node);
}
