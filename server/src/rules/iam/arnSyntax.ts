import { innerSpan, type Rule } from '../../core/rule';
import { closestMatch } from '../../core/suggest';
import type { Fix } from '../../core/types';
import { ACCOUNT_PATTERN, PARTITIONS, REGION_PATTERN, parseArn } from '../../iam/arn';
import { catalogIndex, dataDateNote } from '../../iam/catalog';
import { allStatements, contentSpan } from '../../iam/policyModel';
import { expectedArnShapes, resourceTypePrefixRepairs, resourceTypesMatching } from '../../iam/resources';
import { findPlaceholders } from '../../core/placeholders';
import { POLICY_KINDS } from './shared';

export const ARN_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';

/** Wildcards, policy variables and template expressions: fields holding them are not checked literally. */
const VARIABLE = /[*?$]/;

export const arnSyntax: Rule = {
  meta: {
    id: 'iam/arn-syntax',
    title: 'A Resource is not a well-formed ARN for its service',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ARN_URL,
    fixable: true,
    appliesTo: POLICY_KINDS,
    description: [
      '`Resource` entries are `"*"` or ARNs: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. The partition is `aws`,',
      '`aws-cn` or `aws-us-gov` (and a few isolated ones); the region and account fields are empty for global resources:',
      'S3 bucket and object ARNs are `arn:aws:s3:::bucket/key`, IAM ARNs `arn:aws:iam::123456789012:role/name`. An ARN that',
      'fits no resource type of its service names nothing and grants nothing. Placeholders are left to the `placeholder` rule.',
    ].join('\n'),
  },
  check(context) {
    const index = catalogIndex();
    for (const statement of allStatements(context.document)) {
      for (const item of statement.resources) {
        const value = item.value;
        if (value === '*' || value.trim() === '' || findPlaceholders(value, true).length > 0) continue;
        if (!value.startsWith('arn:')) {
          if (value.startsWith('${') || /^[A-Za-z]+::/.test(value)) continue; // a template expression, not ours to judge
          const lowered = value.toLowerCase().startsWith('arn:');
          context.report({
            at: item.node,
            message: lowered
              ? `ARNs start with lower-case \`arn:\`; IAM does not match \`${value.slice(0, 4)}\`.`
              : `\`${value}\` is not an ARN: a \`${statement.resourceKey}\` entry is \`"*"\` or an ARN such as \`arn:aws:s3:::bucket/*\`.`,
            fixes: lowered
              ? [
                  {
                    title: 'Write "arn:" in lower case',
                    edits: [{ offset: innerSpan(item.node).offset, length: 4, newText: 'arn:' }],
                    isPreferred: true,
                  },
                ]
              : [],
          });
          continue;
        }
        const arn = parseArn(value);
        if (!arn) {
          if (!value.includes('*')) {
            context.report({
              at: item.node,
              message: `\`${value}\` has too few fields for an ARN: \`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE\` (region and account may be empty, the colons stay).`,
            });
          }
          continue;
        }
        const at = (field: number, text: string) => ({
          offset: innerSpan(item.node).offset + arn.fieldOffsets[field],
          length: Math.max(text.length, 1),
        });
        if (!VARIABLE.test(arn.partition) && !PARTITIONS.includes(arn.partition)) {
          const suggestion = closestMatch(arn.partition, PARTITIONS) ?? 'aws';
          context.report({
            at: at(0, arn.partition),
            message: `\`${arn.partition}\` is not an AWS partition; use \`aws\` (or \`aws-cn\`, \`aws-us-gov\`).`,
            fixes: [
              {
                title: `Change to "${suggestion}"`,
                edits: [{ ...at(0, arn.partition), length: arn.partition.length, newText: suggestion }],
                isPreferred: true,
              },
            ],
          });
          continue;
        }
        if (!index || VARIABLE.test(arn.service)) continue;
        if (!index.arnServices.has(arn.service.toLowerCase())) {
          const suggestion = closestMatch(arn.service, [...index.arnServices.keys()]);
          context.report({
            at: at(1, arn.service),
            severity: 'warning',
            message: `No resource type uses \`${arn.service}\` as its ARN service (${dataDateNote()}).${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
            fixes: suggestion
              ? [
                  {
                    title: `Change to "${suggestion}"`,
                    edits: [{ ...at(1, arn.service), length: arn.service.length, newText: suggestion }],
                    isPreferred: true,
                  },
                ]
              : [],
          });
          continue;
        }
        if (arn.region && !VARIABLE.test(arn.region) && !REGION_PATTERN.test(arn.region)) {
          context.report({
            at: at(2, arn.region),
            severity: 'warning',
            message: `\`${arn.region}\` does not look like a region code such as \`us-east-1\` or \`eu-west-2\`.`,
          });
          continue;
        }
        if (arn.account && !VARIABLE.test(arn.account) && !ACCOUNT_PATTERN.test(arn.account) && arn.account !== 'aws') {
          context.report({
            at: at(3, arn.account),
            message: `The account field of an ARN is a 12-digit account ID (or empty, or \`*\`), not \`${arn.account}\`.`,
          });
          continue;
        }
        const matching = resourceTypesMatching(value);
        if (!matching || matching.length > 0) continue;
        const withoutRegionAndAccount = `arn:${arn.partition}:${arn.service}:::${arn.resource}`;
        if ((arn.region || arn.account) && resourceTypesMatching(withoutRegionAndAccount)?.length) {
          const fix: Fix = {
            title: `Change to "${withoutRegionAndAccount}"`,
            edits: [{ ...contentSpan(item.node), newText: withoutRegionAndAccount }],
            isPreferred: true,
          };
          context.report({
            at: item.node,
            message: `${arn.service} ARNs of this kind have no region or account field, so \`${value}\` matches nothing. Write \`${withoutRegionAndAccount}\`.`,
            fixes: [fix],
          });
          continue;
        }
        // A name without its resource type (`…:Orders` for `…:table/Orders`): offer the ARNs that name something.
        const repairs = resourceTypePrefixRepairs(value).slice(0, 3);
        const expected = expectedArnShapes(arn);
        context.report({
          at: item.node,
          severity: 'warning',
          message:
            `\`${value}\` fits no ${arn.service} resource type, so it matches nothing. ${arn.service} ARNs look like ${expected.shapes.map((shape) => `\`${shape}\``).join(', ')}${expected.more ? ', …' : ''}.` +
            (repairs.length ? ` Did you mean \`${repairs[0].arn}\` (a ${repairs[0].resourceType.name})?` : ''),
          fixes: repairs.map((repair, index) => ({
            title: `Change to "${repair.arn}" (${repair.resourceType.name})`,
            edits: [{ ...contentSpan(item.node), newText: repair.arn }],
            isPreferred: index === 0 && repairs.length === 1,
          })),
        });
      }
    }
  },
};
