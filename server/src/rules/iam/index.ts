// IAM policy rules (issue: IAM policies). Each rule is one file in this folder, named after its id; helpers
// they share live in shared.ts. Importing this module also registers the preparer that loads the IAM catalogue.
import type { Rule } from '../../core/rule';
import '../../iam/preparer';
import { actionElement } from './actionElement';
import { adminAccess } from './adminAccess';
import { allowWithNot } from './allowWithNot';
import { arnSyntax } from './arnSyntax';
import { conditionBlock } from './conditionBlock';
import { conditionKey } from './conditionKey';
import { conditionOperator } from './conditionOperator';
import { conditionType } from './conditionType';
import { conditionValue } from './conditionValue';
import { confusedDeputy } from './confusedDeputy';
import { ecrTokenVpcCondition } from './ecrTokenVpcCondition';
import { effect } from './effect';
import { federatedTrust } from './federatedTrust';
import { emptyValue } from './emptyValue';
import { organizationsPolicy } from './organizationsPolicy';
import { passRoleAnyRole } from './passRoleAnyRole';
import { policySize } from './policySize';
import { policyVariable } from './policyVariable';
import { principalElement } from './principalElement';
import { redundantAction } from './redundantAction';
import { resourceElement } from './resourceElement';
import { resourceMismatch } from './resourceMismatch';
import { serviceWideAccess } from './serviceWideAccess';
import { setOperator } from './setOperator';
import { sid } from './sid';
import { statementShape } from './statement';
import { trustAnyPrincipal } from './trustAnyPrincipal';
import { unknownAction } from './unknownAction';
import { unknownKey } from './unknownKey';
import { unknownService } from './unknownService';
import { valueType } from './valueType';
import { version } from './version';
import { wildcardMatchesNothing } from './wildcardMatchesNothing';
import { wildcardOnlyAction } from './wildcardOnlyAction';
import { allActions } from './allActions';
import { assumeAnyRole } from './assumeAnyRole';
import { credentialsExposure } from './credentialsExposure';
import { dataExfiltration } from './dataExfiltration';
import { mfaBoolFalse } from './mfaBoolFalse';
import { permissionsManagement } from './permissionsManagement';
import { privilegeEscalation } from './privilegeEscalation';
import { publicResourcePolicy } from './publicResourcePolicy';
import { resourcePolicyPrivilegeEscalation } from './resourcePolicyPrivilegeEscalation';
import { resourceStar } from './resourceStar';
import { s3DenyInsecureTransport } from './s3DenyInsecureTransport';
import { trustWholeAccount } from './trustWholeAccount';
import { createServiceLinkedRole } from './createServiceLinkedRole';
import { irrelevantConditionKey } from './irrelevantConditionKey';
import { pairedConditionKeys } from './pairedConditionKeys';
import { redundantPrincipal } from './redundantPrincipal';
import { redundantResource } from './redundantResource';
import { redundantStatement } from './redundantStatement';
import { resourcePolicyService } from './resourcePolicyService';
import { tagConditionCoverage } from './tagConditionCoverage';
import { wildcardServiceName } from './wildcardServiceName';

export const IAM_RULES: readonly Rule[] = [
  // grammar
  version,
  statementShape,
  unknownKey,
  valueType,
  emptyValue,
  effect,
  actionElement,
  resourceElement,
  principalElement,
  sid,
  organizationsPolicy,
  // actions
  unknownService,
  unknownAction,
  wildcardMatchesNothing,
  redundantAction,
  wildcardServiceName,
  redundantStatement,
  // resources
  arnSyntax,
  policyVariable,
  resourceMismatch,
  wildcardOnlyAction,
  redundantResource,
  resourcePolicyService,
  // conditions
  conditionOperator,
  conditionKey,
  conditionType,
  conditionValue,
  setOperator,
  conditionBlock,
  ecrTokenVpcCondition,
  pairedConditionKeys,
  tagConditionCoverage,
  irrelevantConditionKey,
  // security
  adminAccess,
  serviceWideAccess,
  passRoleAnyRole,
  allowWithNot,
  trustAnyPrincipal,
  federatedTrust,
  confusedDeputy,
  createServiceLinkedRole,
  redundantPrincipal,
  // risk classes (parliament, Cloudsplaining, checkov, KICS)
  publicResourcePolicy,
  privilegeEscalation,
  resourcePolicyPrivilegeEscalation,
  permissionsManagement,
  credentialsExposure,
  dataExfiltration,
  resourceStar,
  allActions,
  assumeAnyRole,
  trustWholeAccount,
  s3DenyInsecureTransport,
  mfaBoolFalse,
  // quotas
  policySize,
];
