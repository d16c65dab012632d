// Plain data shared by the analysis core and its presenters (LSP server, CLI).
// Nothing here knows about LSP or the file system: ranges are UTF-16 offsets into the
// document text, exactly as JavaScript strings index them.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/**
 * When a finding would bite: `register` (the ECS or IAM API rejects the task definition or policy),
 * `start` (the task fails to start), `runtime` (the application gets AccessDenied or the setting has no
 * effect), `advice` (nothing fails; a risk or an opinion). A CI gate can block only what breaks a deployment.
 */
export type RulePhase = 'register' | 'start' | 'runtime' | 'advice';

export const RULE_PHASES: readonly RulePhase[] = ['register', 'start', 'runtime', 'advice'];

/** What each phase means, in the words the message, hover and rule docs use. */
export const PHASE_LABELS: Record<RulePhase, string> = {
  register: 'fails at registration (the ECS or IAM API rejects it)',
  start: 'fails at task start',
  runtime: 'fails at run time (the application or the setting is denied or ignored)',
  advice: 'advice (nothing fails)',
};

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** What a JSON document is, decided by its shape (never by its file name alone). */
export type DocumentKind =
  | 'ecs-task-definition'
  /** create-service / update-service input (`aws ecs create-service --cli-input-json`). */
  | 'ecs-service'
  | 'iam-identity-policy'
  | 'iam-resource-policy'
  | 'iam-trust-policy'
  | 'cloudformation-template'
  | 'ecs-iam-config'
  | 'unrelated';

export const ALL_ANALYSED_KINDS: readonly DocumentKind[] = [
  'ecs-task-definition',
  'ecs-service',
  'iam-identity-policy',
  'iam-resource-policy',
  'iam-trust-policy',
  'cloudformation-template',
];

/** A span of the document text: `offset` and `length` in UTF-16 code units. */
export interface TextSpan {
  offset: number;
  length: number;
}

/** Replace `length` code units at `offset` with `newText` (an empty `newText` deletes). */
export interface TextEdit extends TextSpan {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Edits to other files (e.g. adding a statement to a linked policy), with positions in those files. */
  otherFiles?: Array<{ path: string; edits: Array<{ range: Range; newText: string }> }>;
  /** New files the fix creates (e.g. the policy of a new task role), with their whole content. */
  createFiles?: Array<{ path: string; content: string }>;
  /**
   * The fix covers every finding of its kind for one role (e.g. all missing permissions of a role in one
   * edit): offered on each of those findings and as the document's `source.fixAll`.
   */
  fixesAll?: boolean;
  /** The fix an editor may apply on "auto fix" (only one per finding). */
  isPreferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  span: TextSpan;
  message: string;
  docsUrl: string;
  /** When it would fail (the rule's phase, or the finding's own where it differs, e.g. on EC2). */
  phase: RulePhase;
  fixes: Fix[];
  /** Extra facts a presenter may use (e.g. which syntax problem, to avoid duplicating the editor's own). */
  data?: Record<string, unknown>;
  /** Other places in the same document that the finding is about (e.g. every occurrence of one placeholder). */
  related?: RelatedSpan[];
}

export interface RelatedSpan {
  span: TextSpan;
  message: string;
}

/** What `json/syntax` found, in its findings' `data.syntaxProblem` (the server leaves duplicates of the editor's own JSON errors out). */
export type SyntaxProblem = 'trailing-comma' | 'comment' | 'parse-error';

/** A position as LSP and editors count it: zero-based line and UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
