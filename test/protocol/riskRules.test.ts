// The risk rules over the protocol: a privilege-escalation method that no single policy completes, found
// across the policies the roles engine links to one role resource of a template.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES } from '../helpers';
import { clientOnWorkspace, type LspTestClient } from './lspClient';

describe('risk rules over the protocol', () => {
  let client: LspTestClient;
  let uri: string;
  let text: string;

  before(async () => {
    text = readFileSync(path.join(FIXTURES, 'cloudformation', 'role-privilege-escalation.json'), 'utf8');
    const started = await clientOnWorkspace('risk-protocol', { 'deploy.json': text });
    client = started.client;
    uri = started.uri('deploy.json');
    await client.open(uri, text);
  });

  after(async () => {
    await client.shutdown();
  });

  test('iam:PassRole in the inline policy and lambda:CreateFunction + InvokeFunction in an AWS::IAM::Policy: reported on the role', async () => {
    const diagnostics = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === 'iam/privilege-escalation'));
    const escalation = diagnostics.filter((d) => d.code === 'iam/privilege-escalation');
    assert.equal(escalation.length, 1, JSON.stringify(escalation));
    const [finding] = escalation;
    // On the role's logical id, as information.
    const line = text.split('\n')[finding.range.start.line];
    assert.equal(line.slice(finding.range.start.character, finding.range.end.character), '"DeployRole"');
    assert.equal(finding.severity, 3);
    const message = String(finding.message);
    assert.match(message, /Together, the policies of role `DeployRole`/);
    assert.match(message, /PassExistingRoleToNewLambdaThenInvoke/);
    assert.match(message, /FunctionsPolicy/);
    // The statements that complete the method are listed with it, in this file.
    const related = finding.relatedInformation ?? [];
    const relatedLines = related.map((info) => text.split('\n')[info.location.range.start.line].trim());
    assert.ok(
      relatedLines.some((line) => line.includes('lambda:CreateFunction')),
      JSON.stringify(relatedLines),
    );
    assert.ok(related.every((info) => info.location.uri === uri));
  });
});
