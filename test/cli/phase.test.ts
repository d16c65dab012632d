// Every rule has a phase (when what it reports would fail); the CLI reports it in JSON and SARIF and
// filters on it with --phase, so a CI gate can block only what breaks a deployment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { RULE_PHASES } from '../../server/src/core/types';
import { ALL_RULES } from '../../server/src/rules';
import { FIXTURES, REPO_ROOT } from '../helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const CONVENTION = path.join(FIXTURES, 'roles', 'convention');

function run(args: string[], cwd = CONVENTION) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  phase: string;
  message: string;
}

describe('rule phases', () => {
  test('every rule has one of the four phases', () => {
    for (const rule of ALL_RULES) assert.ok(RULE_PHASES.includes(rule.meta.phase), `${rule.meta.id} has phase ${rule.meta.phase}`);
    // The phases are meant to separate: each is used by some rule.
    for (const phase of RULE_PHASES) {
      assert.ok(
        ALL_RULES.some((rule) => rule.meta.phase === phase),
        phase,
      );
    }
  });

  test('JSON findings carry the phase; the roles fixture has start, runtime and advice findings', () => {
    const { code, stdout } = run(['--format', 'json', '.']);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as JsonFinding[];
    const byRule = new Map(findings.map((finding) => [finding.ruleId, finding.phase]));
    assert.equal(byRule.get('ecs/execution-role-missing-permission'), 'start');
    assert.equal(byRule.get('iam/trust-policy-not-ecs'), 'start');
    assert.equal(byRule.get('iam/resource-mismatch'), 'runtime');
    assert.equal(byRule.get('iam/application-permission-on-execution-role'), 'advice');
  });

  test('--phase register,start keeps only what breaks a deployment', () => {
    const all = JSON.parse(run(['--format', 'json', '.']).stdout) as JsonFinding[];
    const { code, stdout } = run(['--format', 'json', '--phase', 'register,start', '.']);
    assert.equal(code, 1);
    const kept = JSON.parse(stdout) as JsonFinding[];
    assert.deepEqual(
      kept,
      all.filter((finding) => finding.phase === 'register' || finding.phase === 'start'),
    );
    assert.deepEqual([...new Set(kept.map((finding) => finding.ruleId))].sort(), [
      'ecs/execution-role-missing-permission',
      'iam/trust-policy-not-ecs',
    ]);
  });

  test('--phase advice alone: warnings and hints only, so the default --fail-on error exits 0', () => {
    const { code, stdout } = run(['--format', 'json', '--phase=advice', '.']);
    assert.equal(code, 0);
    const kept = JSON.parse(stdout) as JsonFinding[];
    assert.ok(kept.length > 0 && kept.every((finding) => finding.phase === 'advice'));
  });

  test('text output names the phase after the rule', () => {
    assert.match(run(['--phase', 'start', '.']).stdout, /ecs\/execution-role-missing-permission \(start\)$/m);
  });

  test('SARIF: a phase property on each rule and each result', () => {
    const sarif = JSON.parse(run(['--format', 'sarif', '.']).stdout);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; properties: { phase: string } }>;
    assert.equal(rules.length, ALL_RULES.length);
    for (const rule of rules) assert.equal(rule.properties.phase, ALL_RULES.find((r) => r.meta.id === rule.id)!.meta.phase);
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties: { phase: string } }>;
    assert.ok(results.length > 0);
    assert.ok(results.some((result) => result.ruleId === 'ecs/execution-role-missing-permission' && result.properties.phase === 'start'));
    for (const result of results) assert.ok(RULE_PHASES.includes(result.properties.phase as never));
  });

  test('an unknown phase is a usage error', () => {
    const { code, stderr } = run(['--phase', 'register,deploy', '.']);
    assert.equal(code, 2);
    assert.match(stderr, /--phase takes a comma-separated list of register, start, runtime, advice, not "deploy"/);
  });
});
