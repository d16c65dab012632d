// S3 bucket policies without the Deny of requests over plain HTTP (KICS "S3 Bucket Without SSL In Write
// Actions", AWS Security Hub S3.5).
import { getNodeValue } from 'jsonc-parser';
import { property, stringValue } from '../../core/json';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { conditionEntries, policyModels, type StatementView } from '../../iam/policyModel';
import { newStatementAfter, resourcePolicyService } from './shared';

export const s3DenyInsecureTransport: Rule = {
  meta: {
    id: 'iam/s3-deny-insecure-transport',
    title: 'An S3 bucket policy does not deny requests over plain HTTP (aws:SecureTransport)',
    defaultSeverity: 'hint',
    phase: 'advice',
    docsUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit',
    fixable: true,
    appliesTo: ['iam-resource-policy', 'cloudformation-template'],
    description: [
      'AWS recommends that a bucket policy deny every request made without TLS:',
      '`{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [bucket, bucket/*], "Condition": {"Bool":',
      '{"aws:SecureTransport": "false"}}}`. Without it, a client configured for HTTP sends objects and credentials-signed',
      'requests in clear text, which anyone on the network path can read. The quick fix adds that statement for the',
      'buckets the policy names (in JSON documents).',
    ].join('\n'),
  },
  check(context) {
    const { document } = context;
    for (const model of policyModels(document)) {
      if (model.policy.type !== 'resource' || model.statements.length === 0) continue;
      if (resourcePolicyService(document, model.statements[0]) !== 's3') continue;
      if (model.statements.some(deniesPlainHttp)) continue;
      const statementKey = property(model.policy.node, 'Statement')?.parent?.children?.[0];
      const fixes: Fix[] = [];
      const resources = bucketResources(model.statements);
      const last = model.statements[model.statements.length - 1];
      if (document.format !== 'yaml' && resources.length > 0) {
        fixes.push({
          title: 'Add a statement that denies requests over plain HTTP',
          edits: [
            newStatementAfter(document.text, last, {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: resources,
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ],
          isPreferred: true,
        });
      }
      context.report({
        at: statementKey ?? model.policy.node,
        message:
          'This bucket policy does not deny requests made without TLS: a client using plain HTTP sends its requests and objects in clear text, readable by anyone on the network path. Add a Deny of `s3:*` for `"Principal": "*"` with `"Bool": {"aws:SecureTransport": "false"}`.',
        fixes,
      });
    }
  },
};

/** A Deny with `Bool`/`BoolIfExists` `aws:SecureTransport` `false`. */
function deniesPlainHttp(statement: StatementView): boolean {
  if (statement.effect !== 'Deny') return false;
  return conditionEntries(statement).some(
    (entry) =>
      entry.key.toLowerCase() === 'aws:securetransport' &&
      /^Bool/.test(entry.operator) &&
      entry.values.some((value) => value.value === 'false'),
  );
}

/** The bucket and its objects for every bucket the policy names (`arn:aws:s3:::b`, `arn:aws:s3:::b/*`), or its Resource values as written (intrinsics in a template). */
function bucketResources(statements: readonly StatementView[]): unknown[] {
  const buckets = new Set<string>();
  for (const statement of statements) {
    for (const item of statement.resources) {
      const match = /^(arn:aws[a-z-]*:s3:::[^/]+)/.exec(item.value);
      if (match) buckets.add(match[1]);
    }
  }
  if (buckets.size > 0) return [...buckets].flatMap((bucket) => [bucket, `${bucket}/*`]);
  // Resources written with intrinsics: reuse them as they are.
  const values: unknown[] = [];
  const seen = new Set<string>();
  for (const statement of statements) {
    if (statement.effect !== 'Allow' || !statement.resourceNode) continue;
    const value = getNodeValue(statement.resourceNode);
    for (const entry of Array.isArray(value) ? value : [value]) {
      const key = JSON.stringify(entry);
      if (!seen.has(key) && stringValue(statement.resourceNode) !== '*') {
        seen.add(key);
        values.push(entry);
      }
    }
  }
  return values;
}
