// Skeletons for a new file: an empty document, or `{}`. Offered where the file name says what the file
// will hold (`taskdef.json`, `web-task-definition.json`, `reports-policy.json`, `app-trust-policy.json`) and
// in untitled editors; the kind the name suggests comes first.
import type { JsonDocument } from '../core/document';
import type { CompletionSuggestion } from './completion';

const TASK_DEFINITION_NAME = /(^|[-_.])(task-?definition|taskdef)[^/\\]*\.json$|^task-?definition[^/\\]*\.json$|^taskdef[^/\\]*\.json$/i;
const POLICY_NAME = /policy[^/\\]*\.json$/i;
const TRUST_NAME = /trust/i;
const UNTITLED = /(^|:)Untitled-\d+$/;

/** The family a file name suggests: `web-taskdef.json` -> `web`; none for `taskdef.json`. */
function familyFrom(fileName: string): string {
  const stem = fileName.replace(/\.json$/i, '').replace(/[-_.]?(task-?definition|taskdef)[-_.]?/i, '');
  return /^[A-Za-z0-9_-]{1,255}$/.test(stem) ? stem : 'app';
}

const LOGS = (family: string, container: string) => [
  '\t\t\t"logConfiguration": {',
  '\t\t\t\t"logDriver": "awslogs",',
  '\t\t\t\t"options": {',
  `\t\t\t\t\t"awslogs-group": "/ecs/${family}",`,
  '\t\t\t\t\t"awslogs-region": "${9:us-east-1}",',
  `\t\t\t\t\t"awslogs-stream-prefix": "${container}"`,
  '\t\t\t\t}',
  '\t\t\t}',
];

function fargate(family: string): string {
  return [
    '{',
    `\t"family": "\${1:${family}}",`,
    '\t"requiresCompatibilities": ["FARGATE"],',
    '\t"networkMode": "awsvpc",',
    '\t"cpu": "${2|256,512,1024,2048,4096|}",',
    '\t"memory": "${3|512,1024,2048|}",',
    '\t"executionRoleArn": "${4:ecsTaskExecutionRole}",',
    '\t"taskRoleArn": "${5:app-task-role}",',
    '\t"containerDefinitions": [',
    '\t\t{',
    '\t\t\t"name": "${6:app}",',
    '\t\t\t"image": "${7:public.ecr.aws/nginx/nginx:1.27}",',
    '\t\t\t"essential": true,',
    '\t\t\t"portMappings": [{ "containerPort": ${8:80}, "protocol": "tcp" }],',
    ...LOGS('${1}', '${6}'),
    '\t\t}',
    '\t]',
    '}',
  ].join('\n');
}

function ec2(family: string): string {
  return [
    '{',
    `\t"family": "\${1:${family}}",`,
    '\t"requiresCompatibilities": ["EC2"],',
    '\t"networkMode": "bridge",',
    '\t"executionRoleArn": "${4:ecsTaskExecutionRole}",',
    '\t"containerDefinitions": [',
    '\t\t{',
    '\t\t\t"name": "${6:app}",',
    '\t\t\t"image": "${7:public.ecr.aws/nginx/nginx:1.27}",',
    '\t\t\t"essential": true,',
    '\t\t\t"memory": ${5:512},',
    '\t\t\t"portMappings": [{ "containerPort": ${8:80}, "hostPort": 0, "protocol": "tcp" }],',
    ...LOGS('${1}', '${6}'),
    '\t\t}',
    '\t]',
    '}',
  ].join('\n');
}

const POLICY = [
  '{',
  '\t"Version": "2012-10-17",',
  '\t"Statement": [',
  '\t\t{',
  '\t\t\t"Sid": "${1:ReadReports}",',
  '\t\t\t"Effect": "Allow",',
  '\t\t\t"Action": ["${2:s3:GetObject}"],',
  '\t\t\t"Resource": ["${3:arn:aws:s3:::bucket-name/*}"]',
  '\t\t}',
  '\t]',
  '}',
].join('\n');
const TRUST = [
  '{',
  '\t"Version": "2012-10-17",',
  '\t"Statement": [',
  '\t\t{',
  '\t\t\t"Effect": "Allow",',
  '\t\t\t"Principal": { "Service": "ecs-tasks.amazonaws.com" },',
  '\t\t\t"Action": "sts:AssumeRole"',
  '\t\t}',
  '\t]',
  '}',
].join('\n');

/** Whether the document is empty or `{}` (whitespace aside). */
export function isEmptyDocument(document: JsonDocument): boolean {
  const text = document.text.trim();
  return text === '' || /^\{\s*\}$/.test(text);
}

export function skeletonCompletions(document: JsonDocument, offset: number, fileName: string | undefined): CompletionSuggestion[] {
  if (!isEmptyDocument(document)) return [];
  const name = fileName ?? '';
  const isTaskDefinition = TASK_DEFINITION_NAME.test(name);
  const isPolicy = POLICY_NAME.test(name);
  if (!isTaskDefinition && !isPolicy && !UNTITLED.test(name)) return [];
  const start = document.text.length - document.text.trimStart().length;
  const trimmed = document.text.trim();
  // An editor replaces within one line: `{}` on one line is replaced whole; inside a `{` and `}` on lines of
  // their own, the skeleton's inside goes at the cursor.
  const inside = trimmed.includes('\n');
  if (inside && (offset <= start || offset >= start + trimmed.length)) return [];
  if (!inside && (offset < start || offset > start + trimmed.length)) return [];
  const replace = inside ? { offset, length: 0 } : { offset: start, length: trimmed.length };
  const shape = (body: string) => (inside ? body.split('\n').slice(1, -1).join('\n') : body);
  const family = familyFrom(name);
  const entries = [
    {
      label: 'Fargate task definition',
      detail: 'both roles, awsvpc, cpu/memory, one container with awslogs',
      body: fargate(family),
      rank: isTaskDefinition ? 0 : 2,
    },
    {
      label: 'EC2 task definition',
      detail: 'bridge network, container memory, awslogs',
      body: ec2(family),
      rank: isTaskDefinition ? 1 : 3,
    },
    { label: 'IAM policy', detail: 'one Allow statement', body: POLICY, rank: isPolicy && !TRUST_NAME.test(name) ? 0 : 4 },
    {
      label: 'Trust policy for ECS tasks',
      detail: 'lets ecs-tasks.amazonaws.com assume the role',
      body: TRUST,
      rank: isPolicy && TRUST_NAME.test(name) ? 0 : 5,
    },
  ];
  return entries.map((entry) => ({
    label: entry.label,
    kind: 'snippet' as const,
    detail: entry.detail,
    documentation: `\`\`\`json\n${entry.body
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\}/g, family)}\n\`\`\``,
    insertText: shape(entry.body),
    isSnippet: true,
    replace,
    // The range may start at `{`: the editor matches what is typed from there.
    filterText: inside ? entry.label : `{${entry.label}`,
    sortText: `${entry.rank}${entry.label}`,
  }));
}
