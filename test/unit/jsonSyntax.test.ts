import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PARSE_ERRORS_SHOWN } from '../../server/src/rules/jsonSyntax';
import { sidFrom } from '../../server/src/roles/check';
import { findingsOf, lint, ruleTests } from '../helpers';

const policy = (statementBody: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [${statementBody}]\n}`;

ruleTests('json/syntax', {
  valid: [
    { name: 'strict policy', code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') },
    { name: 'unrelated file with a trailing comma stays silent', code: '{"name": "x", "scripts": {"a": "b",},}' },
    { name: 'unrelated file with comments stays silent', code: '{\n  // compiler options\n  "compilerOptions": {}\n}' },
    {
      name: 'commas inside strings are not trailing commas',
      code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a,]"}'),
    },
  ],
  invalid: [
    {
      name: 'trailing comma in an Action array (the article example)',
      code: policy('{"Effect": "Allow", "Action": ["s3:ListBucket",], "Resource": "*"}'),
      findings: [{ messageIncludes: 'Trailing comma', severity: 'error', text: ',' }],
      output: policy('{"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "*"}'),
    },
    {
      name: 'trailing comma in an object',
      code: '{"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx:1.27",}]}',
      findings: [{ messageIncludes: 'ECS (register-task-definition) rejects it', text: ',' }],
      output: '{"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx:1.27"}]}',
    },
    {
      name: 'line comment alone on its line is removed with its line',
      code: '{\n  "Version": "2012-10-17",\n  // allow reads\n  "Statement": []\n}',
      findings: [{ messageIncludes: 'JSON has no comments', text: '// allow reads' }],
      output: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    },
    {
      name: 'CRLF line comment',
      code: '{\r\n  "Version": "2012-10-17", /* note */\r\n  "Statement": []\r\n}',
      findings: [{ text: '/* note */' }],
      output: '{\r\n  "Version": "2012-10-17",\r\n  "Statement": []\r\n}',
    },
    {
      name: 'an elided list `[...]` as published in an article',
      code: policy('{"Effect": "Allow", "Action": ["ecr:BatchGetImage", ...], "Resource": "*"}'),
      findings: [{ messageIncludes: 'shortened a list' }],
    },
    {
      name: 'missing comma between properties',
      code: '{"family": "web", "containerDefinitions": [{"name": "a"\n "image": "nginx:1.27"}]}',
      findings: [{ messageIncludes: 'comma is missing' }],
      output: '{"family": "web", "containerDefinitions": [{"name": "a",\n "image": "nginx:1.27"}]}',
    },
    {
      name: 'two trailing commas: each is reported, and a fix removes all',
      code: policy('{"Effect": "Allow", "Action": ["a:b",], "Resource": ["*",]}'),
      findings: [{ text: ',' }, { text: ',' }],
    },
  ],
});

test('text that is not JSON at all: the first parse errors one by one, the rest in one finding', async () => {
  // Quotes and braces pasted into an action string: jsonc-parser reads thousands of errors from it.
  const garbage = '{"a":'.repeat(3000);
  const text = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Modify${garbage}"], "Resource": "*"}]}`;
  const { document, findings } = await lint(text);
  assert.ok(document.parseErrors.length > MAX_PARSE_ERRORS_SHOWN + 10, `many parse errors (${document.parseErrors.length})`);
  const syntax = findings.filter((finding) => finding.ruleId === 'json/syntax');
  assert.equal(syntax.length, MAX_PARSE_ERRORS_SHOWN + 1);
  const summary = syntax.find((finding) => /more syntax errors from here on are not listed/.test(finding.message));
  assert.ok(summary, 'one finding counts the rest');
  assert.match(summary.message, new RegExp(`^${document.parseErrors.length - MAX_PARSE_ERRORS_SHOWN} more`));
});

test('the fix-all title names only what the document has: comments alone are not called trailing commas', async () => {
  const commentsOnly = '{\n  // reads\n  "Version": "2012-10-17",\n  /* all of them */\n  "Statement": []\n}';
  const titles = (await findingsOf(commentsOnly, 'json/syntax')).flatMap((finding) => (finding.fixes ?? []).map((fix) => fix.title));
  assert.ok(titles.includes('Remove all 2 comments'), JSON.stringify(titles));
  assert.ok(!titles.some((title) => /trailing comma/.test(title)), JSON.stringify(titles));
  const both = '{\n  // reads\n  "Version": "2012-10-17",\n  "Statement": [],\n}';
  const bothTitles = (await findingsOf(both, 'json/syntax')).flatMap((finding) => (finding.fixes ?? []).map((fix) => fix.title));
  assert.ok(bothTitles.includes('Remove all 1 trailing comma and 1 comment'), JSON.stringify(bothTitles));
});

test('generated Sids keep the names of the summary whole (DB_PASSWORD is not cut to Db) and stay within 64 characters', () => {
  assert.equal(
    sidFrom('read the Secrets Manager secret for `DB_PASSWORD` in container `web`'),
    'ReadSecretsManagerSecretDbPasswordContainerWeb',
  );
  const long = sidFrom(`read the SSM parameter for \`${'VERY_LONG_NAME_'.repeat(8)}\``);
  assert.ok(long.length <= 64 && /^[A-Za-z0-9]+$/.test(long), long);
});
