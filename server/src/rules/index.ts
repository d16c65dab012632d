// The rule catalogue: every rule the analyser runs, in the order their findings are produced.
// The README's rule table and docs/rules.md are generated from this list (npm run generate).
import type { Rule, RuleCatalogue } from '../core/rule';
import { CFN_RULES } from './cfn';
import { configInvalid } from './configInvalid';
import { ECS_RULES } from './ecs';
import { IAM_RULES } from './iam';
import { ROLE_RULES } from './roles';
import { fileSkipped } from './fileSkipped';
import { jsonSyntax } from './jsonSyntax';
import { placeholder } from './placeholder';
import { sameTaskAndExecutionRole } from './sameTaskAndExecutionRole';
import { yamlSyntax } from './yamlSyntax';
import { policies as samPolicies } from './sam/policies';
import { terraformSyntax } from './terraformSyntax';

export const ALL_RULES: readonly Rule[] = [
  jsonSyntax,
  yamlSyntax,
  terraformSyntax,
  configInvalid,
  fileSkipped,
  sameTaskAndExecutionRole,
  placeholder,
  ...ECS_RULES,
  ...IAM_RULES,
  ...ROLE_RULES,
  samPolicies,
  ...CFN_RULES,
];

export const ALL_RULE_IDS: readonly string[] = ALL_RULES.map((rule) => rule.meta.id);

/** The catalogue the analyser runs (`server/src/analyzer.ts` passes it to `core/analyze.ts`). */
export const RULE_CATALOGUE: RuleCatalogue = { rules: ALL_RULES, ids: ALL_RULE_IDS, fileSkipped };

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}
