// Inputs that once broke a rule or the core, kept as fixtures (test/hardening/regressions/*.json:
// { source, mutation, problem, text }, text JSON-escaped so lone surrogates and NULs survive).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FuzzProblem } from './fuzzer';

export const REGRESSIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'hardening', 'regressions');

export interface RegressionFixture extends FuzzProblem {
  file: string;
  /** Set when the failure is in another part's files and was reported to its owner (ECS rules, IAM rules). */
  reportedTo?: string;
}

/** Writes a problem's input as a fixture (named by a hash of the text, so the same input is written once). */
export function writeRegression(problem: FuzzProblem): string {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const ruleId = /Rule (\S+) failed/.exec(problem.problem)?.[1] ?? 'core';
  const hash = createHash('sha256').update(problem.text).digest('hex').slice(0, 12);
  const file = path.join(REGRESSIONS_DIR, `${ruleId.replace(/[^a-z0-9-]+/gi, '_')}-${hash}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(problem, null, 1) + '\n');
  return file;
}

export function readRegressions(): RegressionFixture[] {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      ...(JSON.parse(readFileSync(path.join(REGRESSIONS_DIR, name), 'utf8')) as Omit<RegressionFixture, 'file'>),
      file: path.join(REGRESSIONS_DIR, name),
    }));
}
