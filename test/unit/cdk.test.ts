// CDK output (cdk.out/*.template.json): a finding inside a resource names the construct from the resource's
// aws:cdk:path metadata, in the message and as a SARIF logical location; CDK's own metadata resource and
// asset parameters cause no finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/analyzer';
import { formatSarif } from '../../server/src/presenters/report';

const TEMPLATE = JSON.stringify(
  {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
    Resources: {
      TaskDefTaskRole1EDB4A67: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
            Version: '2012-10-17',
          },
        },
        Metadata: { 'aws:cdk:path': 'WebStack/TaskDef/TaskRole/Resource' },
      },
      TaskDef54694570: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ContainerDefinitions: [{ Essential: true, Image: 'nginx:1.27', Name: 'web', ReadonlyRootFilesystem: true }],
          Cpu: '256',
          Memory: '512',
          NetworkMode: 'bridge',
          RequiresCompatibilities: ['FARGATE'],
          TaskRoleArn: { 'Fn::GetAtt': ['TaskDefTaskRole1EDB4A67', 'Arn'] },
          Family: 'WebStackTaskDef1F5E9B1A',
        },
        Metadata: { 'aws:cdk:path': 'WebStack/TaskDef/Resource' },
      },
      CDKMetadata: {
        Type: 'AWS::CDK::Metadata',
        Properties: { Analytics: 'v2:deflate64:H4sIAAAAAAAA/zPSMzLQM1BMLC/WTU7J1s3JTNKrDi5JTM7WAQoUFCXnF6UkJuYVpRbn5+UDAIfyoWYsAAAA' },
        Metadata: { 'aws:cdk:path': 'WebStack/CDKMetadata/Default' },
      },
    },
  },
  null,
  1,
);

test('a finding in CDK output names the construct path of its resource, in the message and in SARIF', async () => {
  const { document, findings } = await analyze(TEMPLATE, { fileName: 'WebStack.template.json' });
  assert.equal(document.kind, 'cloudformation-template');
  const network = findings.find((finding) => finding.ruleId === 'ecs/fargate-network-mode');
  assert.ok(network, JSON.stringify(findings.map((finding) => finding.ruleId)));
  assert.match(network.message, /\(CDK construct `WebStack\/TaskDef\/Resource`\)$/);
  // Nothing from CDK's own metadata resource, its analytics blob or the bootstrap parameter.
  const metadataStart = TEMPLATE.indexOf('"CDKMetadata"');
  assert.ok(
    !findings.some(
      (finding) =>
        finding.span.offset >= metadataStart ||
        TEMPLATE.slice(finding.span.offset, finding.span.offset + finding.span.length).includes('hnb659fds'),
    ),
    JSON.stringify(findings),
  );
  const sarif = JSON.parse(
    formatSarif(
      [
        {
          file: 'cdk.out/WebStack.template.json',
          ruleId: network.ruleId,
          severity: network.severity,
          phase: network.phase,
          message: network.message,
          docsUrl: network.docsUrl,
          range: document.lines.rangeOf(network.span),
          cdkPath: String(network.data?.cdkPath),
          resource: String(network.data?.resource),
        },
      ],
      [],
      '0.0.0',
    ),
  );
  assert.deepEqual(sarif.runs[0].results[0].locations[0].logicalLocations, [
    { name: 'TaskDef54694570', fullyQualifiedName: 'WebStack/TaskDef/Resource', kind: 'resource' },
  ]);
});
