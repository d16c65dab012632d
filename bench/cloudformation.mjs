// CloudFormation benchmark: one generated 1 MB template (task definitions, their execution and task
// roles with inline policies, AWS::IAM::Policy resources attached to the roles, managed policy ARNs,
// bucket policies; intrinsic functions throughout) through the analysis core, next to merely parsing
// the same text with jsonc-parser in the same run. Target: lint under 150 ms.
// Usage: npm run build && node bench/cloudformation.mjs [--out <compiled dir>] [--runs N] [--size MB]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const outDir = path.resolve(option('--out', path.join(root, 'out')));
const runs = Number(option('--runs', 9));
const targetBytes = Number(option('--size', 1)) * 1024 * 1024;
const { analyze } = require(path.join(outDir, 'server/src/analyzer.js'));
const { parseTree } = require('jsonc-parser');

const sub = (text) => ({ 'Fn::Sub': text });
const trust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    },
  ],
};

/** One service: secrets, a log group, an execution role, a task role, a policy, a bucket and its policy, a task definition. */
function service(i) {
  const name = `Svc${i}`;
  const resources = {};
  resources[`${name}Secret`] = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: sub(`\${AWS::StackName}/${name}/db`) } };
  resources[`${name}Logs`] = {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: sub(`/ecs/\${AWS::StackName}/${name}`), RetentionInDays: 30 },
  };
  resources[`${name}ExecutionRole`] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: trust,
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
      Policies: [
        {
          PolicyName: 'secrets',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ReadSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: `${name}Secret` } },
              {
                Sid: 'ReadParameters',
                Effect: 'Allow',
                Action: 'ssm:GetParameters',
                Resource: sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name}/*`),
              },
            ],
          },
        },
      ],
    },
  };
  resources[`${name}TaskRole`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } };
  resources[`${name}Bucket`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: sub(`\${AWS::StackName}-${name.toLowerCase()}`) } };
  resources[`${name}TaskPolicy`] = {
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: `${name}-app`,
      Roles: [{ Ref: `${name}TaskRole` }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: sub(`arn:\${AWS::Partition}:s3:::\${${name}Bucket}/*`) },
          {
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
            Resource: sub(`arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${name}`),
          },
          { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
        ],
      },
    },
  };
  resources[`${name}BucketPolicy`] = {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: `${name}Bucket` },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [sub(`arn:\${AWS::Partition}:s3:::\${${name}Bucket}`), sub(`arn:\${AWS::Partition}:s3:::\${${name}Bucket}/*`)],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  };
  const container = (index) => ({
    Name: `app${index}`,
    Image: sub(`\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/${name.toLowerCase()}-${index}:1.0.${index}`),
    Essential: index === 0,
    Cpu: 256,
    Memory: { 'Fn::If': ['IsProd', 1024, 512] },
    ReadonlyRootFilesystem: true,
    PortMappings: [{ ContainerPort: 8080 + index, Protocol: 'tcp' }],
    Environment: [
      { Name: 'STAGE', Value: { Ref: 'Stage' } },
      { Name: 'BUCKET', Value: { Ref: `${name}Bucket` } },
    ],
    Secrets: [
      { Name: 'DB_PASSWORD', ValueFrom: { Ref: `${name}Secret` } },
      { Name: 'API_KEY', ValueFrom: sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name}/api-key`) },
    ],
    LogConfiguration: {
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: `${name}Logs` },
        'awslogs-region': { Ref: 'AWS::Region' },
        'awslogs-stream-prefix': `app${index}`,
      },
    },
    HealthCheck: { Command: ['CMD-SHELL', `curl -f http://localhost:${8080 + index}/health || exit 1`], Interval: 30, Retries: 3 },
  });
  resources[`${name}TaskDefinition`] = {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      Family: sub(`\${AWS::StackName}-${name}`),
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: { 'Fn::If': ['IsProd', '2048', '1024'] },
      Memory: { 'Fn::If': ['IsProd', '4096', '2048'] },
      ExecutionRoleArn: { 'Fn::GetAtt': [`${name}ExecutionRole`, 'Arn'] },
      TaskRoleArn: { 'Fn::GetAtt': [`${name}TaskRole`, 'Arn'] },
      ContainerDefinitions: [container(0), container(1), container(2)],
    },
  };
  return resources;
}

const template = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Resources: {},
};
let services = 0;
let text = '';
while (text.length < targetBytes) {
  Object.assign(template.Resources, service(services++));
  if (services % 5 === 0 || text === '') text = JSON.stringify(template, null, 2);
}
text = JSON.stringify(template, null, 2);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm-up: loads the IAM catalogue services the policies use.
const warm = await analyze(text);
const parseTimes = [];
const lintTimes = [];
let result = warm;
for (let run = 0; run < runs; run++) {
  let start = performance.now();
  parseTree(text, [], { allowTrailingComma: true });
  parseTimes.push(performance.now() - start);
  start = performance.now();
  result = await analyze(text);
  lintTimes.push(performance.now() - start);
}
const parse = median(parseTimes);
const lint = median(lintTimes);
const byRule = {};
for (const finding of result.findings)
  byRule[`${finding.ruleId} (${finding.severity})`] = (byRule[`${finding.ruleId} (${finding.severity})`] ?? 0) + 1;

const rows = [
  [
    'template',
    `${(text.length / 1024 / 1024).toFixed(2)} MB, ${Object.keys(template.Resources).length} resources (${services} task definitions, ${services * 2} roles, ${services * 4} policy documents)`,
  ],
  ['parse only (jsonc-parser), median of ' + runs, `${parse.toFixed(1)} ms`],
  ['lint (analysis core: parse, classify, every rule, template role links), median of ' + runs, `${lint.toFixed(1)} ms (target < 150 ms)`],
  ['lint / parse', `${(lint / parse).toFixed(2)}x`],
  ['findings', `${result.findings.length} ${JSON.stringify(byRule)}`],
];
console.log('| measure | value |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
console.log(
  `cloudformation summary: lint ${lint.toFixed(1)} ms, parse ${parse.toFixed(1)} ms, ${(text.length / 1024 / 1024).toFixed(2)} MB`,
);
if (lint >= 150) process.exitCode = 1;
