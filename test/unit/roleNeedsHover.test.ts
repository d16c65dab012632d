// Hovers on the fields that make a role need a permission (issue 12, item 13): which role, which
// permission, and whether the linked policy allows it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { hoverAt } from '../../server/src/features/hover';
import { WorkspaceIndex } from '../../server/src/workspace';
import { ConfigLoader } from '../../server/src/workspace/configLoader';
import { FIXTURES } from '../helpers';

const folder = path.join(FIXTURES, 'roles', 'convention');
const file = path.join(folder, 'task-definition.json');
const text = readFileSync(file, 'utf8');

async function hoverOn(needle: string, options: { workspace?: boolean; source?: string } = {}): Promise<string> {
  const source = options.source ?? text;
  let workspace: WorkspaceIndex | undefined;
  if (options.workspace !== false) {
    workspace = new WorkspaceIndex({ roots: [folder], configs: new ConfigLoader(undefined, () => [folder]), maxFileSize: 5 * 1024 * 1024 });
    await workspace.build();
  }
  const offset = source.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const hover = await hoverAt(parseDocument(source), offset + 2, { workspace, filePath: file });
  return hover?.markdown ?? '';
}

describe('role lines in field hovers', () => {
  const table: Array<{ field: string; expected: RegExp[] }> = [
    {
      field: '"secrets"',
      expected: [
        /\*\*Execution role\*\* `ecsTaskExecutionRole`/,
        /`secretsmanager:GetSecretValue` on `arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders\/db-password-AbCdEf` — \*\*not allowed\*\*/,
        /Checked against `ecsTaskExecutionRole\.json`/,
      ],
    },
    { field: '"image"', expected: [/pull the private ECR image/, /`ecr:BatchGetImage`.* — allowed/] },
    {
      field: '"logConfiguration"',
      expected: [
        /\*\*Execution role\*\* `ecsTaskExecutionRole`/,
        /`logs:CreateLogGroup`/,
        /\*\*not allowed\*\* \(`logs:CreateLogGroup` missing\)/,
      ],
    },
  ];
  for (const { field, expected } of table) {
    test(`${field}: the role, the permission and whether the linked policy allows it`, async () => {
      const markdown = await hoverOn(field);
      for (const pattern of expected) assert.match(markdown, pattern, markdown);
    });
  }

  test('without a linked policy the hover says the answer is unknown and how to link one', async () => {
    const markdown = await hoverOn('"secrets"', { workspace: false });
    assert.match(markdown, /`secretsmanager:GetSecretValue`/);
    assert.match(markdown, /No policy is linked to `ecsTaskExecutionRole`/);
    assert.doesNotMatch(markdown, /not allowed|— allowed/);
  });

  test('a public image needs no permission; no executionRoleArn is said', async () => {
    const source = JSON.stringify(
      {
        family: 'x',
        containerDefinitions: [
          {
            name: 'a',
            image: 'public.ecr.aws/nginx/nginx:1.27',
            essential: true,
            secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:eu-west-1:210987654321:parameter/a' }],
          },
        ],
      },
      null,
      2,
    );
    assert.match(await hoverOn('"image"', { source, workspace: false }), /pulling this image needs no IAM permission/);
    assert.match(await hoverOn('"secrets"', { source, workspace: false }), /sets no `executionRoleArn`/);
  });

  test('containerDefinitions itself gets no role list', async () => {
    assert.doesNotMatch(await hoverOn('"containerDefinitions"'), /Execution role\*\* `/);
  });
});
