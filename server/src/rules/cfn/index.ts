// CloudFormation property-schema rules for the resource types that hold a task definition, a service, a role
// or a policy. The schema rules share one walk (cloudformation/propertySchema.ts); task definitions are left to
// the ECS shape rules, so no problem is reported twice.
import type { Rule } from '../../core/rule';
import { duplicateItem } from './duplicateItem';
import { invalidValue } from './invalidValue';
import { missingProperty } from './missingProperty';
import { refRoleWithPath } from './refRoleWithPath';
import { unknownProperty } from './unknownProperty';

export const CFN_RULES: readonly Rule[] = [unknownProperty, missingProperty, invalidValue, duplicateItem, refRoleWithPath];
