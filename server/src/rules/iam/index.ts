// IAM policy rules (issue: IAM policies). Each rule is one file in this folder (closely related rules
// share one). Importing this module also registers the preparer that loads the IAM catalogue.
import type { Rule } from '../../core/rule';
import '../../iam/preparer';
import { arnSyntax } from './arnSyntax';
import { conditionKey } from './conditionKey';
import { conditionOperator } from './conditionOperator';
import { conditionType, conditionValue, setOperator } from './conditionType';
import { ecrTokenVpcCondition } from './ecrTokenVpcCondition';
import { effect } from './effect';
import { actionElement, principalElement, resourceElement } from './principalElement';
import { policySize } from './policySize';
import { redundantAction } from './redundantAction';
import { resourceMismatch } from './resourceMismatch';
import { adminAccess, allowWithNot, passRoleAnyRole, serviceWideAccess } from './adminAccess';
import { sid } from './sid';
import { statementShape } from './statement';
import { confusedDeputy, trustAnyPrincipal } from './confusedDeputy';
import { unknownAction } from './unknownAction';
import { unknownKey } from './unknownKey';
import { unknownService } from './unknownService';
import { emptyValue, valueType } from './valueType';
import { version } from './version';
import { wildcardMatchesNothing } from './wildcardMatchesNothing';
import { wildcardOnlyAction } from './wildcardOnlyAction';

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
  // actions
  unknownService,
  unknownAction,
  wildcardMatchesNothing,
  redundantAction,
  // resources
  arnSyntax,
  resourceMismatch,
  wildcardOnlyAction,
  // conditions
  conditionOperator,
  conditionKey,
  conditionType,
  conditionValue,
  setOperator,
  ecrTokenVpcCondition,
  // security
  adminAccess,
  serviceWideAccess,
  passRoleAnyRole,
  allowWithNot,
  trustAnyPrincipal,
  confusedDeputy,
  // quotas
  policySize,
];
