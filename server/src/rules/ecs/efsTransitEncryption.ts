import { arrayItems, property, stringValue } from '../../core/json';
import { fieldLabel } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { replaceWithString } from '../../core/edits';
import { ecsViews, keyOf } from '../../ecs/taskDefinition';

const EFS_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html';

export const efsTransitEncryption: Rule = {
  meta: {
    id: 'ecs/efs-transit-encryption',
    title: 'An EFS volume without encryption in transit',
    defaultSeverity: 'warning',
    phase: 'register',
    docsUrl: EFS_DOCS,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'An EFS volume of a task definition sends file data over NFS; `transitEncryption: "ENABLED"` encrypts it with',
      'TLS. It is required when the volume uses IAM authorization (`authorizationConfig.iam: "ENABLED"`) or an access',
      'point (`authorizationConfig.accessPointId`): the API rejects the task definition otherwise (error). Without',
      'either, unencrypted file traffic is a warning (checkov CKV_AWS_97, KICS). The quick fix sets it to `ENABLED`.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      for (const volume of arrayItems(property(view.node, 'volumes'))) {
        const efs = property(volume, 'efsVolumeConfiguration');
        if (efs?.type !== 'object') continue;
        const transit = property(efs, 'transitEncryption');
        const value = stringValue(transit);
        if (transit && value === undefined) continue; // an intrinsic: unknown
        if (value === 'ENABLED') continue;
        const authorization = property(efs, 'authorizationConfig');
        const iam = stringValue(property(authorization, 'iam')) === 'ENABLED';
        const accessPoint = property(authorization, 'accessPointId') !== undefined;
        const name = stringValue(property(volume, 'name'));
        const label = name ? `EFS volume \`${name}\`` : 'This EFS volume';
        const fieldName = view.format === 'cloudformation' ? 'TransitEncryption' : fieldLabel(efs, 'transitEncryption');
        const fixes = transit ? [{ title: 'Set it to "ENABLED"', edits: [replaceWithString(transit, 'ENABLED')], isPreferred: true }] : [];
        if (iam || accessPoint) {
          const why = iam ? 'IAM authorization' : 'an access point';
          context.report({
            at: transit ? keyOf(transit) : keyOf(efs),
            severity: 'error',
            message: `${label} uses ${why}, which needs \`${fieldName}\`: "ENABLED"; the ECS API rejects the task definition otherwise.`,
            fixes,
          });
        } else {
          context.report({
            at: transit ? keyOf(transit) : keyOf(efs),
            message: `${label} sends file data unencrypted (\`${fieldName}\` is ${value ? `"${value}"` : 'not set, so DISABLED'}). Set it to "ENABLED" to use TLS between the task and EFS.`,
            fixes,
          });
        }
      }
    }
  },
};
