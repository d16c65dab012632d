// The TextMate injection grammar: contributed in package.json, and its patterns colour what they should.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers';

const grammarPath = path.join(REPO_ROOT, 'syntaxes', 'iam-policy.injection.tmLanguage.json');

test('package.json contributes the injection grammar to JSON and JSONC', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const grammar = manifest.contributes.grammars.find((entry: { scopeName: string }) => entry.scopeName === 'iam-policy.injection');
  assert.deepEqual(grammar.injectTo, ['source.json', 'source.json.comments']);
  assert.equal(path.resolve(REPO_ROOT, grammar.path), grammarPath);
});

test('the grammar patterns match ARNs, actions and policy variables (Oniguruma syntax used is JavaScript-compatible)', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
  const regex = (name: string) => new RegExp(grammar.repository[name].match);
  assert.match('arn:aws:s3:::bucket/*', regex('arn'));
  assert.match('arn:aws:logs:us-east-1:210987654321:log-group:x', regex('arn'));
  assert.match('"s3:GetObject"', regex('action'));
  assert.match('"ecr:Get*"', regex('action'));
  assert.doesNotMatch('"https://example.com"', regex('action'));
  assert.match('arn:aws:s3:::b/${aws:username}/*', regex('policy-variable'));
});
