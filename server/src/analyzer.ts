// The analysis core bound to the rule catalogue: the one place where `core/` meets `rules/`. The core takes
// the rules as a parameter and never imports them; the server, the CLI, tests and benches call these.
import * as core from './core/analyze';
import type { JsonDocument } from './core/document';
import type { Finding, SeveritySetting } from './core/types';
import { RULE_CATALOGUE } from './rules';

export { AnalysisCancelled, type AnalysisOptions, type AnalysisResult, type CooperativeOptions, type RunOptions } from './core/analyze';
export { ALL_RULES, ALL_RULE_IDS, RULE_CATALOGUE, ruleById } from './rules';

/** Parses, prepares and checks one JSON document with every rule of the catalogue. */
export function analyze(text: string, options: core.AnalysisOptions = {}): Promise<core.AnalysisResult> {
  return core.analyze(RULE_CATALOGUE, text, options);
}

/** Runs every rule on a parsed, prepared document in one go (the CLI, tests). */
export function analyzeDocument(
  document: JsonDocument,
  ruleSeverities: Record<string, SeveritySetting>,
  run: core.RunOptions = {},
): Finding[] {
  return core.analyzeDocument(RULE_CATALOGUE, document, ruleSeverities, run);
}

/** The same, cooperatively (the server): see `core/analyze.ts`. */
export function analyzeDocumentAsync(
  document: JsonDocument,
  ruleSeverities: Record<string, SeveritySetting>,
  run: core.RunOptions = {},
  cooperative: core.CooperativeOptions = {},
): Promise<Finding[]> {
  return core.analyzeDocumentAsync(RULE_CATALOGUE, document, ruleSeverities, run, cooperative);
}
