import { hclFixIsSafe } from './hclEdits';
import { terraformJsonFixIsSafe } from './terraformJson';
import { addTerraformAddresses, withoutPlanUnknowns } from './terraformAddresses';
import { intrinsicOf, isIntrinsic, resolveStrings } from './intrinsics';
import { arrayItems, nodeAtOffset, type Node } from './json';
import { parseDocument, type JsonDocument, type ParseOptions } from './document';
import { prepareDocument } from './prepare';
import { escapeEmbeddedText, type EmbeddedRegion } from './embedded';
import type { Rule, RuleCatalogue, RuleContext } from './rule';
import { spanOf } from './rule';
import type { WorkspaceView } from './workspace';
import { SEVERITY_ORDER, type DocumentKind, type Finding, type SeveritySetting } from './types';
import type { PolicyKind } from './classify';
import { addCdkPaths } from './cdk';
import { attributeSamFindings, type SamOrigin } from './sam';

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
 * The rules come in as `catalogue` (core never imports `rules/`; `server/src/analyzer.ts` binds the catalogue).
 */
export async function analyze(catalogue: RuleCatalogue, text: string, options: AnalysisOptions = {}): Promise<AnalysisResult> {
  const document = parseDocument(text, options);
  await prepareDocument(document);
  return { document, findings: analyzeDocument(catalogue, document, options.ruleSeverities ?? {}, options) };
}

/** How `analyzeDocumentAsync` shares the event loop. */
export interface CooperativeOptions {
  /** Give the event loop a turn once this many milliseconds have passed since the last turn (default 8; 0: after every rule). */
  yieldEveryMs?: number;
  /** Asked after every turn: true stops the analysis with `AnalysisCancelled` (its findings are dropped). */
  isCancelled?: () => boolean;
}

/** Thrown by `analyzeDocumentAsync` when `isCancelled` said the analysis is no longer wanted. */
export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

/** Runs the rules on a parsed, prepared document in one go (the CLI, tests). */
export function analyzeDocument(
  catalogue: RuleCatalogue,
  document: JsonDocument,
  ruleSeverities: Record<string, SeveritySetting>,
  run: RunOptions = {},
): Finding[] {
  const steps = analysisSteps(catalogue, document, ruleSeverities, run);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Slices of about 8 ms keep a hover or keystroke on another document under a frame or two of waiting. */
const DEFAULT_YIELD_EVERY_MS = 8;

/**
 * The same rules and findings as `analyzeDocument`, for the server: between rules, once a time slice has
 * passed, it lets other work in (requests for other documents, the edit that makes this analysis stale)
 * and stops early when `isCancelled` says so. A single rule still runs to its end: rules are synchronous.
 */
export async function analyzeDocumentAsync(
  catalogue: RuleCatalogue,
  document: JsonDocument,
  ruleSeverities: Record<string, SeveritySetting>,
  run: RunOptions = {},
  { yieldEveryMs = DEFAULT_YIELD_EVERY_MS, isCancelled }: CooperativeOptions = {},
): Promise<Finding[]> {
  const steps = analysisSteps(catalogue, document, ruleSeverities, run);
  let lastTurn = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - lastTurn < yieldEveryMs) continue;
    await giveTurn();
    // Only during a turn can anything change (an edit, a closed document): ask then.
    if (isCancelled?.()) throw new AnalysisCancelled();
    lastTurn = performance.now();
  }
}

/**
 * Lets the work that arrived during the last slice run before the analysis goes on. setImmediate, not a
 * resolved promise: microtasks run before I/O, so queued messages would still wait. Twice, because a
 * message read during the slice is handled in an immediate queued behind our first one (vscode-jsonrpc
 * handles each message in its own immediate): the second lets that handler run, so an edit is seen by
 * `isCancelled` and a hover answered at this turn, not one slice later.
 */
async function giveTurn(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The one rule loop behind both entry points: a generator that pauses after each rule, so the caller
 * decides whether to go on at once (`analyzeDocument`) or give the event loop a turn first
 * (`analyzeDocumentAsync`). The last step filters and sorts the findings and returns them.
 */
function* analysisSteps(
  catalogue: RuleCatalogue,
  document: JsonDocument,
  ruleSeverities: Record<string, SeveritySetting>,
  run: RunOptions,
): Generator<void, Finding[], void> {
  const findings: Finding[] = [];
  const runRule = (rule: Rule, check: (context: RuleContext) => void): void => {
    const setting = ruleSeverities[rule.meta.id];
    if (setting === 'off') return;
    const context: RuleContext = {
      document,
      filePath: run.filePath,
      workspace: run.workspace,
      ruleIds: catalogue.ids,
      report(problem) {
        findings.push({
          ruleId: rule.meta.id,
          severity: setting ?? problem.severity ?? rule.meta.defaultSeverity,
          span: spanOf(problem.at),
          message: problem.message,
          docsUrl: problem.docsUrl ?? rule.meta.docsUrl,
          phase: problem.phase ?? rule.meta.phase,
          fixes: problem.fixes ?? [],
          data: problem.data,
          ...(problem.related ? { related: problem.related } : {}),
        });
      },
    };
    check(context);
  };

  if (document.skipped) {
    runRule(catalogue.fileSkipped, (context) =>
      context.report({ at: { offset: 0, length: 0 }, message: document.skipped!.message, severity: document.skipped!.severity }),
    );
    return findings;
  }
  for (const rule of catalogue.rules) {
    if (!rule.meta.appliesTo.includes(document.kind)) continue;
    // In a template, a rule for some policy kinds (trust policies only, say) sees only those policies.
    const target = document.kind === 'cloudformation-template' ? templateViewFor(document, rule.meta.appliesTo) : document;
    try {
      runRule(rule, (context) => rule.check(target === document ? context : { ...context, document: target }));
    } catch (error) {
      // One broken rule must not take the others (or the server) down with it.
      findings.push({
        ruleId: 'internal/rule-failed',
        severity: 'hint',
        span: { offset: 0, length: 0 },
        message: `Rule ${rule.meta.id} failed on this document: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
        docsUrl: '',
        phase: 'advice',
        fixes: [],
      });
    }
    yield;
  }
  const kept = withoutPlanUnknowns(
    document,
    document.kind === 'cloudformation-template'
      ? attributeSamFindings(
          document.policies.flatMap((policy): SamOrigin[] => (policy.sam ? [policy.sam] : [])),
          findings.filter((finding) => !onUnknownIntrinsic(document, finding)),
        )
      : findings,
  );
  kept.sort((a, b) => a.span.offset - b.span.offset || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
  if (document.kind === 'cloudformation-template') {
    addCdkPaths(document, kept);
    escapeEmbeddedFixes(document, kept);
  }
  addTerraformAddresses(document, kept);
  if (document.format === 'hcl') {
    // In a Terraform file, only fixes written in HCL or on values really in the text (the server reparses before offering one).
    for (const finding of kept) {
      if (finding.fixes.length > 0) finding.fixes = finding.fixes.filter((fix) => hclFixIsSafe(document.root, fix));
    }
  }
  if (document.terraformJson) {
    // In a `.tf.json` file, only fixes on the file's own JSON nodes or written in Terraform's names.
    for (const finding of kept) {
      if (finding.fixes.length > 0 && finding.ruleId !== 'json/syntax') {
        finding.fixes = finding.fixes.filter((fix) => terraformJsonFixIsSafe(document.root, fix));
      }
    }
  }
  return kept;
}

/**
 * Fixes inside a policy written as a JSON string: the text they write is escaped for that string (a `"` becomes
 * `\"`); a fix that cannot be written there (a line break in a YAML scalar, an edit across the string's end) is dropped.
 */
function escapeEmbeddedFixes(document: JsonDocument, findings: Finding[]): void {
  const regions = [
    ...document.policies.map((policy) => policy.embedded).filter((region): region is EmbeddedRegion => region !== undefined),
    ...(document.embeddedRegions ?? []),
  ];
  if (regions.length === 0) return;
  for (const finding of findings) {
    finding.fixes = finding.fixes.flatMap((fix) => {
      let changed = false;
      const edits = [];
      for (const edit of fix.edits) {
        const region = regions.find((candidate) => edit.offset >= candidate.start && edit.offset <= candidate.end);
        if (!region) {
          edits.push(edit);
          continue;
        }
        const newText = escapeEmbeddedText(edit.newText, region);
        if (newText === undefined || edit.offset + edit.length > region.end) return [];
        edits.push({ ...edit, newText });
        changed = true;
      }
      return changed ? [{ ...fix, edits }] : [fix];
    });
  }
}

const POLICY_KIND_OF: Record<string, PolicyKind> = {
  'iam-identity-policy': 'identity',
  'iam-resource-policy': 'resource',
  'iam-trust-policy': 'trust',
};
const templateViews = new WeakMap<JsonDocument, Map<string, JsonDocument>>();

/** The template with only the policies of the kinds a rule applies to (cached: rules share policy models). */
function templateViewFor(document: JsonDocument, appliesTo: readonly DocumentKind[]): JsonDocument {
  const kinds = appliesTo.map((kind) => POLICY_KIND_OF[kind]).filter((kind): kind is PolicyKind => kind !== undefined);
  if (kinds.length === 0 || kinds.length === 3) return document;
  const key = kinds.sort().join(',');
  let views = templateViews.get(document);
  if (!views) templateViews.set(document, (views = new Map()));
  let view = views.get(key);
  if (!view) {
    view = { ...document, policies: document.policies.filter((policy) => kinds.includes(policy.kind)) };
    views.set(key, view);
  }
  return view;
}

/** Rules that judge intrinsic values on purpose (as patterns: an unknown part matches anything). */
const PATTERN_RULES = new Set(['ecs/execution-role-missing-permission', 'ecs/task-role-missing-permission']);

/** `{{resolve:ssm:...}}`, `{{resolve:ssm-secure:...}}`, `{{resolve:secretsmanager:...}}`: CloudFormation dynamic references. */
const DYNAMIC_REFERENCE = /\{\{resolve:[a-z-]+:/;

/**
 * A finding on a string that holds a CloudFormation dynamic reference: CloudFormation replaces the reference
 * with the parameter's or secret's value at deployment, so the text is not the value (issue 14 item 6: it is
 * never an invalid ARN, role name or secret reference).
 */
function onDynamicReference(document: JsonDocument, start: number, end: number): boolean {
  const node = nodeAtOffset(document.root, start);
  for (let current = node; current; current = current.parent) {
    if (current.type === 'string' && current.offset <= start && current.offset + current.length >= end) {
      return typeof current.value === 'string' && DYNAMIC_REFERENCE.test(current.value);
    }
    if (current.type !== 'string') break;
  }
  return false;
}

/**
 * Never an error on a CloudFormation value the linter cannot know: a finding of a rule on (or inside) an
 * intrinsic function whose value cannot be resolved exactly is dropped, whatever the rule.
 */
function onUnknownIntrinsic(document: JsonDocument, finding: Finding): boolean {
  if (
    PATTERN_RULES.has(finding.ruleId) ||
    finding.ruleId === 'json/syntax' ||
    finding.ruleId === 'yaml/syntax' ||
    finding.ruleId === 'terraform/syntax'
  ) {
    return false;
  }
  const start = finding.span.offset;
  const end = start + finding.span.length;
  if (onDynamicReference(document, start, end)) return true;
  const contains = (node: Node) => node.offset <= start && node.offset + node.length >= end;
  // Inside a policy written as a string (a Fn::Sub of the template, say), the values are those of the policy's
  // own tree, where a `${Variable}` is an intrinsic of its own: the template's Fn::Sub around the text is not
  // the value the finding is about.
  const embedded = document.policies.find(
    (policy) => policy.embedded !== undefined && policy.embedded.start <= start && end <= policy.embedded.end,
  );
  let outermost: Node | undefined;
  for (let node = nodeAtOffset(embedded ? embedded.node : document.root, start); node; node = node.parent) {
    if (!isIntrinsic(node) || !contains(node)) continue;
    // A finding inside one branch of a Fn::If is about that branch (rules check both): not unknown.
    const intrinsic = intrinsicOf(node)!;
    if (intrinsic.name === 'Fn::If' && arrayItems(intrinsic.argument).slice(1, 3).some(contains)) continue;
    outermost = node;
  }
  if (!outermost) return false;
  const values = resolveStrings(outermost, 'exact');
  return !values || values.some((value) => value !== values[0]);
}
