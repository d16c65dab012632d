// ECS task-definition rules (issue: ECS task definitions). Each rule is one file in this folder.
import type { Rule } from '../../core/rule';

export const ECS_RULES: readonly Rule[] = [];
