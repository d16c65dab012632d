// IAM policy rules (issue: IAM policies). Each rule is one file in this folder.
import type { Rule } from '../../core/rule';

export const IAM_RULES: readonly Rule[] = [];
