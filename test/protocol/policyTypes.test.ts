// Policy types over the protocol (issue 14): a bucket policy in a template, an SCP mapped in `.ecs-iam.json`,
// a GitHub Actions OIDC trust policy: the real server, a real LSP client, a workspace on disk.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspClient';

const statement = (body: string) => JSON.stringify(JSON.parse(`{"Version": "2012-10-17", "Statement": [${body}]}`), null, 2);

async function withWorkspace(files: Record<string, string>, body: (client: LspTestClient, uri: (name: string) => string) => Promise<void>) {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecs-iam-policy-types-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  const client = new LspTestClient();
  try {
    await client.initialize({ workspaceFolder: folder });
    await body(client, (name) => pathToFileURL(path.join(folder, name)).toString());
  } finally {
    await client.shutdown();
  }
}

const positionOf = (text: string, needle: string) => {
  const offset = text.indexOf(needle) + 1;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};
const hoverText = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

test('a bucket policy in a template: typed by AWS::S3::BucketPolicy, repeated Sids accepted, the hover says so', async () => {
  const template = JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Assets: { Type: 'AWS::S3::Bucket' },
        AssetsPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Assets' },
            PolicyDocument: JSON.parse(
              statement(
                '{"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::assets/*"}, {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::assets"}',
              ),
            ),
          },
        },
      },
    },
    null,
    2,
  );
  await withWorkspace({ 'stack.json': template }, async (client, uri) => {
    await client.open(uri('stack.json'), template);
    const diagnostics = await client.diagnosticsFor(uri('stack.json'), () => true);
    assert.ok(!codes(diagnostics).includes('iam/sid'), JSON.stringify(diagnostics.map((d) => d.message)));
    const hover = await client.hover(uri('stack.json'), positionOf(template, '"Effect"'));
    assert.match(hoverText(hover), /Policy type: S3 bucket policy/);
    assert.match(hoverText(hover), /`AssetsPolicy`, `AWS::S3::BucketPolicy`/);
  });
});

test('an SCP mapped in .ecs-iam.json: checked as an SCP (principal error, no admin-access warning), hovered as one', async () => {
  const scp = statement(
    '{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "DenyS3", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"}',
  );
  await withWorkspace(
    { '.ecs-iam.json': JSON.stringify({ policyTypes: { 'org/*.json': 'scp' } }), 'org/guardrails.json': scp },
    async (client, uri) => {
      await client.open(uri('org/guardrails.json'), scp);
      const diagnostics = await client.diagnosticsFor(uri('org/guardrails.json'), (params) => params.diagnostics.length > 0);
      assert.deepEqual(codes(diagnostics), ['iam/organizations-policy']);
      assert.equal(diagnostics[0].severity, 1);
      const hover = await client.hover(uri('org/guardrails.json'), positionOf(scp, '"Sid"'));
      assert.match(hoverText(hover), /Policy type: service control policy \(SCP\)/);
      assert.match(hoverText(hover), /`policyTypes` mapping/);
      // A wrong type in the mapping is a config/invalid finding with a did-you-mean.
      const config = JSON.stringify({ policyTypes: { 'org/*.json': 'sccp' } });
      await client.open(uri('.ecs-iam.json'), config);
      const configDiagnostics = await client.diagnosticsFor(uri('.ecs-iam.json'), (params) => params.diagnostics.length > 0);
      assert.match(String(configDiagnostics[0].message), /`sccp` is not a policy type\. Did you mean `scp`\?/);
    },
  );
});

test('a GitHub Actions trust policy without a sub condition: a warning on the principal', async () => {
  const trust = statement(
    '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}',
  );
  await withWorkspace({ 'deploy-trust.json': trust }, async (client, uri) => {
    await client.open(uri('deploy-trust.json'), trust);
    const diagnostics = await client.diagnosticsFor(uri('deploy-trust.json'), (params) =>
      params.diagnostics.some((d) => d.code === 'iam/federated-trust'),
    );
    const finding = diagnostics.find((d) => d.code === 'iam/federated-trust')!;
    assert.equal(finding.severity, 2);
    assert.match(String(finding.message), /any workflow in any GitHub repository can assume this role/);
    const hover = await client.hover(uri('deploy-trust.json'), positionOf(trust, '"Effect"'));
    assert.match(hoverText(hover), /Policy type: role trust policy/);
  });
});
