// Shared test helpers: lint text through the real analysis core, apply fixes, table-driven rule tests.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { analyze, type AnalysisOptions, type AnalysisResult } from '../server/src/analyzer';
import type { Finding, Severity, TextEdit } from '../server/src/core/types';

/** The repository root (tests run from out/test/...). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const CORPUS = path.join(REPO_ROOT, 'test', 'corpus');

export function lint(text: string, options: AnalysisOptions = {}): Promise<AnalysisResult> {
  return analyze(text, options);
}

export async function findingsOf(text: string, ruleId: string, options: AnalysisOptions = {}): Promise<Finding[]> {
  return (await lint(text, options)).findings.filter((finding) => finding.ruleId === ruleId);
}

/** Applies non-overlapping edits (as an editor would: all against the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return result;
}

export function isStrictJson(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length === 0;
}

/** The text a finding covers. */
export function coveredText(text: string, finding: Finding): string {
  return text.slice(finding.span.offset, finding.span.offset + finding.span.length);
}

export interface InvalidCase {
  name?: string;
  code: string;
  fileName?: string;
  /** The `policyTypes` value `.ecs-iam.json` would give the file (`scp`, `s3-bucket`, ...). */
  policyType?: string;
  /** Expected findings of the rule, in document order. */
  findings: Array<{ messageIncludes?: string; severity?: Severity; text?: string }>;
  /** The document after applying the first (preferred) fix of the first finding. */
  output?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
  fileName?: string;
  /** The `policyTypes` value `.ecs-iam.json` would give the file (`scp`, `s3-bucket`, ...). */
  policyType?: string;
}

/** Table-driven tests of one rule, in the style of ESLint's RuleTester. */
export function ruleTests(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const [index, valid] of cases.valid.entries()) {
    test(`${ruleId} valid: ${valid.name ?? index}`, async () => {
      const findings = await findingsOf(valid.code, ruleId, { fileName: valid.fileName, policyType: valid.policyType });
      assert.deepEqual(
        findings.map((finding) => finding.message),
        [],
      );
    });
  }
  for (const [index, invalid] of cases.invalid.entries()) {
    test(`${ruleId} invalid: ${invalid.name ?? index}`, async () => {
      const findings = await findingsOf(invalid.code, ruleId, { fileName: invalid.fileName, policyType: invalid.policyType });
      assert.equal(
        findings.length,
        invalid.findings.length,
        `findings: ${JSON.stringify(
          findings.map((f) => f.message),
          null,
          1,
        )}`,
      );
      invalid.findings.forEach((expected, i) => {
        if (expected.messageIncludes) {
          assert.ok(
            findings[i].message.includes(expected.messageIncludes),
            `"${findings[i].message}" should include "${expected.messageIncludes}"`,
          );
        }
        if (expected.severity) assert.equal(findings[i].severity, expected.severity);
        if (expected.text !== undefined) assert.equal(coveredText(invalid.code, findings[i]), expected.text);
      });
      if (invalid.output !== undefined) {
        const fix = findings[0].fixes[0];
        assert.ok(fix, 'the first finding should have a fix');
        assert.equal(applyEdits(invalid.code, fix.edits), invalid.output);
      }
    });
  }
}

/** Every *.json file below a folder, sorted. */
export function jsonFilesBelow(folder: string): string[] {
  const result: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) result.push(full);
    }
  };
  walk(folder);
  return result.sort();
}

/**
 * The suggestions an editor shows, in its order, as VS Code filters them: the text typed from the start
 * of an item's range to the cursor must match the item's filterText (its label when it has none), the
 * first character at the start, the others in order; then sortText, then label. A simplification of
 * VS Code's fuzzy filter that keeps what hid every IAM item (a range starting at a quote the filterText
 * lacks).
 */
export function visibleSuggestions<
  T extends { label: string; filterText?: string; sortText?: string; replace: { offset: number; length: number } },
>(text: string, offset: number, items: readonly T[]): T[] {
  const shown = items.filter((item) => {
    if (item.replace.offset > offset || item.replace.offset + item.replace.length < offset) return false;
    const typed = text.slice(item.replace.offset, offset).toLowerCase();
    const word = (item.filterText ?? item.label).toLowerCase();
    if (typed === '') return true;
    if (word[0] !== typed[0]) return false;
    let at = 1;
    for (const char of typed.slice(1)) {
      at = word.indexOf(char, at) + 1;
      if (at === 0) return false;
    }
    return true;
  });
  return shown.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

/** The text after choosing `item`, with snippet placeholders replaced by their defaults (mirrors `${1}` too). */
export function applySuggestion(
  text: string,
  item: { insertText: string; isSnippet?: boolean; replace: { offset: number; length: number } },
): string {
  if (!item.isSnippet) return applyEdits(text, [{ ...item.replace, newText: item.insertText }]);
  const defaults = new Map<string, string>();
  let insert = item.insertText
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, (_match, index: string, value: string) => (defaults.set(index, value), value))
    .replace(/\$\{(\d+):([^}]*)\}/g, (_match, index: string, value: string) => (defaults.set(index, value), value));
  insert = insert
    .replace(
      /\$\{(\d+)\}|\$(\d+)/g,
      (_match, braced: string | undefined, bare: string | undefined) => defaults.get(braced ?? bare ?? '') ?? '',
    )
    .replace(/\\([$}\\])/g, '$1');
  return applyEdits(text, [{ ...item.replace, newText: insert }]);
}
