// IAM completion over the protocol, in JSON and YAML: condition keys ranked for the statement and the
// operator, and Principal completion (types, service principals, identity providers, template and workspace
// roles). Each list is read as VS Code shows it: filtered by filterText from the start of the edit range to
// the cursor, ordered by sortText.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Position } from 'vscode-languageserver-protocol/node';
import { visibleSuggestions } from '../helpers';
import { applyLspEdits, LspTestClient, positionOf } from './lspClient';

function offsetOf(text: string, position: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

const ACCOUNT = '731829465012';

interface Case {
  name: string;
  file: string;
  /** `|` marks the cursor. */
  code: string;
  /** The first labels shown, in order (prefixes). */
  first: string[];
  /** Labels that must be shown. */
  includes?: string[];
  /** The item to choose and what the text must then hold. */
  choose?: { label: string; result: RegExp };
  retrigger?: string;
}

const CASES: Case[] = [
  {
    name: 'JSON: condition keys of s3:GetObject, its s3 keys first',
    file: 'policy.json',
    code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"|"}}}'),
    first: ['s3:', 's3:', 's3:'],
    includes: ['aws:ResourceTag/${TagKey}', 'aws:SourceVpce'],
    choose: { label: 's3:authType', result: /\{"StringEquals": \{"s3:authType": ""\}\}/ },
  },
  {
    name: 'JSON: under ArnLike, ARN keys first',
    file: 'policy.json',
    code: policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnLike": {"|": "arn:aws:s3:::b"}}}'),
    first: ['s3:AccessGrantsInstanceArn', 's3:DataAccessPointArn'],
    choose: { label: 's3:DataAccessPointArn', result: /\{"ArnLike": \{"s3:DataAccessPointArn": "arn:aws:s3:::b"\}\}/ },
  },
  {
    name: "JSON: a GitHub OIDC trust's condition keys, aud and sub first",
    file: 'trust.json',
    code: policy(
      `{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"|"}}}`,
    ),
    first: ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub'],
  },
  {
    name: 'JSON: Principal keys',
    file: 'trust.json',
    code: policy('{"Effect": "Allow", "Principal": {"|"}, "Action": "sts:AssumeRole"}'),
    first: ['AWS', 'Service', 'Federated', 'CanonicalUser'],
    choose: { label: 'Service', result: /"Principal": \{"Service": ""\}/ },
    retrigger: 'Service',
  },
  {
    name: 'JSON: service principals narrowed by `ecs`',
    file: 'trust.json',
    code: policy('{"Effect": "Allow", "Principal": {"Service": "ecs|"}, "Action": "sts:AssumeRole"}'),
    first: [],
    includes: ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'],
    choose: { label: 'ecs-tasks.amazonaws.com', result: /"Service": "ecs-tasks\.amazonaws\.com"\}/ },
  },
  {
    name: "JSON: federated providers, GitHub first, in the workspace's account",
    file: 'trust.json',
    code: policy('{"Effect": "Allow", "Principal": {"Federated": "|"}, "Action": "sts:AssumeRoleWithWebIdentity"}'),
    first: [`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`],
    includes: ['accounts.google.com', 'cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com'],
  },
  {
    name: 'JSON: AWS principals, the workspace role in its account, then the account root',
    file: 'trust.json',
    code: policy('{"Effect": "Allow", "Principal": {"AWS": "|"}, "Action": "sts:AssumeRole"}'),
    first: [`arn:aws:iam::${ACCOUNT}:role/orders-task-role`],
    includes: [`arn:aws:iam::${ACCOUNT}:root`],
    choose: { label: `arn:aws:iam::${ACCOUNT}:root`, result: new RegExp(`"AWS": "arn:aws:iam::${ACCOUNT}:root"`) },
  },
  {
    name: 'YAML: condition keys under ArnLike, as a YAML key',
    file: 'policy.yaml',
    code: [
      'Version: "2012-10-17"',
      'Statement:',
      '  - Effect: Allow',
      '    Action: s3:GetObject',
      '    Resource: "*"',
      '    Condition:',
      '      ArnLike:',
      '        s3|',
      '',
    ].join('\n'),
    first: ['s3:AccessGrantsInstanceArn', 's3:DataAccessPointArn'],
    choose: { label: 's3:DataAccessPointArn', result: /\n {6}ArnLike:\n {8}s3:DataAccessPointArn: \n/ },
  },
  {
    name: 'YAML: Principal keys',
    file: 'trust.yaml',
    code: [
      'Version: "2012-10-17"',
      'Statement:',
      '  - Effect: Allow',
      '    Action: sts:AssumeRole',
      '    Principal:',
      '      Fed|',
      '',
    ].join('\n'),
    first: ['Federated'],
    choose: { label: 'Federated', result: /\n {6}Federated: \n/ },
  },
  {
    name: 'YAML: service principals as plain scalars',
    file: 'trust.yaml',
    code: [
      'Version: "2012-10-17"',
      'Statement:',
      '  - Effect: Allow',
      '    Action: sts:AssumeRole',
      '    Principal:',
      '      Service: ecs|',
      '',
    ].join('\n'),
    first: [],
    includes: ['ecs-tasks.amazonaws.com'],
    choose: { label: 'ecs-tasks.amazonaws.com', result: /\n {6}Service: ecs-tasks\.amazonaws\.com\n/ },
  },
  {
    name: "YAML: AWS principals in a template, the template's role by !GetAtt",
    file: 'template.yaml',
    code: [
      'Resources:',
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              AWS: |',
      '            Action: sts:AssumeRole',
      '',
    ].join('\n'),
    first: ['!GetAtt DeployRole.Arn'],
    choose: { label: '!GetAtt DeployRole.Arn', result: /\n {14}AWS: !GetAtt DeployRole\.Arn\n/ },
  },
];

describe('IAM completion over the protocol', () => {
  let client: LspTestClient;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ecs-iam-completion-'));
    // A task definition naming its task role: the workspace's role for `AWS` principals.
    writeFileSync(
      path.join(workspace, 'task-definition.json'),
      JSON.stringify({
        family: 'orders',
        taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/orders-task-role`,
        containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true }],
      }),
    );
    client = new LspTestClient();
    await client.initialize({ workspaceFolder: workspace });
  });

  after(async () => {
    await client.shutdown();
  });

  for (const { name, file, code, first, includes, choose, retrigger } of CASES) {
    test(name, async () => {
      const offset = code.indexOf('|');
      const text = code.slice(0, offset) + code.slice(offset + 1);
      const filePath = path.join(workspace, file);
      writeFileSync(filePath, text);
      const uri = pathToFileURL(filePath).toString();
      await client.open(uri, text, file.endsWith('.yaml') ? 'yaml' : 'json');
      try {
        await client.diagnosticsFor(uri);
        const result = await client.completion(uri, positionOf(text, offset));
        const items = (Array.isArray(result) ? result : (result?.items ?? [])) as CompletionItem[];
        const suggestions = items.map((item) => {
          const edit = item.textEdit as { range: { start: Position; end: Position }; newText: string };
          const start = offsetOf(text, edit.range.start);
          return {
            item,
            label: item.label,
            filterText: item.filterText,
            sortText: item.sortText,
            replace: { offset: start, length: offsetOf(text, edit.range.end) - start },
          };
        });
        const shown = visibleSuggestions(text, offset, suggestions);
        assert.ok(shown.length > 0, `nothing shown of ${items.length} items`);
        first.forEach((label, index) =>
          assert.ok(shown[index]?.label.startsWith(label), `item ${index + 1} is ${shown[index]?.label}, expected ${label}`),
        );
        for (const label of includes ?? []) {
          assert.ok(
            shown.some((item) => item.label === label),
            `${label} shown`,
          );
        }
        if (retrigger) assert.equal(shown.find((item) => item.label === retrigger)?.item.command?.command, 'editor.action.triggerSuggest');
        if (choose) {
          const chosen = shown.find((item) => item.label === choose.label);
          assert.ok(chosen, `${choose.label} shown`);
          const edit = chosen.item.textEdit as { range: { start: Position; end: Position }; newText: string };
          // Snippet tab stops as their defaults, as VS Code inserts them before the user types.
          const newText = edit.newText
            .replace(/\$\{\d+:([^}]*)\}/g, '$1')
            .replace(/\$\d+/g, '')
            .replace(/\\([$}\\])/g, '$1');
          assert.match(applyLspEdits(text, [{ range: edit.range, newText }]), choose.result);
        }
      } finally {
        await client.close(uri);
      }
    });
  }
});
