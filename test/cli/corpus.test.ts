// Corpus test: every AWS-written file in test/corpus (see test/corpus/SOURCES.md) goes through the
// analysis; only the one file that really is invalid JSON may get a json/syntax finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CORPUS, jsonFilesBelow, lint } from '../helpers';

const INVALID_AS_PUBLISHED = 'firelens-examples/examples/fluent-bit/dynatrace/task-definition.json';

test('AWS-written corpus: json/syntax only on the file that is invalid as published', async () => {
  const files = jsonFilesBelow(CORPUS);
  assert.ok(files.length >= 150, `corpus has ${files.length} files`);
  const withSyntax: string[] = [];
  const kinds = new Map<string, number>();
  for (const file of files) {
    const relative = path.relative(CORPUS, file).split(path.sep).join('/');
    const result = await lint(readFileSync(file, 'utf8'), { fileName: path.basename(file) });
    kinds.set(result.document.kind, (kinds.get(result.document.kind) ?? 0) + 1);
    if (result.findings.some((finding) => finding.ruleId === 'json/syntax')) withSyntax.push(relative);
    assert.ok(
      !result.findings.some((finding) => finding.ruleId === 'internal/rule-failed'),
      `${relative}: ${JSON.stringify(result.findings.filter((f) => f.ruleId === 'internal/rule-failed'))}`,
    );
  }
  assert.deepEqual(withSyntax, [INVALID_AS_PUBLISHED]);
  // The corpus holds task definitions, policies and templates: each must be recognised.
  assert.ok((kinds.get('ecs-task-definition') ?? 0) >= 55, JSON.stringify([...kinds]));
  assert.ok((kinds.get('cloudformation-template') ?? 0) >= 60, JSON.stringify([...kinds]));
  assert.ok((kinds.get('iam-identity-policy') ?? 0) >= 15, JSON.stringify([...kinds]));
});

test('the dynatrace example: the missing comma is found where it is, with a fix', async () => {
  const text = readFileSync(path.join(CORPUS, INVALID_AS_PUBLISHED), 'utf8');
  const { findings, document } = await lint(text);
  const syntax = findings.filter((finding) => finding.ruleId === 'json/syntax');
  assert.equal(syntax.length, 1);
  assert.match(syntax[0].message, /comma is missing/);
  assert.equal(document.lines.positionAt(syntax[0].span.offset).line, 33); // at the entry after "Port": "443"
  assert.equal(syntax[0].fixes[0].title, 'Insert the missing comma');
});
