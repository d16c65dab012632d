// aws:ResourceTag conditions on actions that do not support the key (IAM Access Analyzer's four
// "... with unsupported tag condition key for service" checks).
import type { Rule } from '../../core/rule';
import { resolveItem } from '../../iam/actions';
import { conditionKeyTemplatePattern, isConditionKeyTemplate, loadedService } from '../../iam/catalog';
import { parseOperator } from '../../iam/conditionOperators';
import { allStatements, conditionEntries, type ConditionEntry, type StatementView } from '../../iam/policyModel';
import { POLICY_KINDS, listOf } from './shared';

const ABAC_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-resources';

/** Negated operators, `...IfExists` and `Null` are true when the key is missing: only the plain positive ones fail. */
function failsWithoutKey(entry: ConditionEntry): boolean {
  const operator = parseOperator(entry.operator);
  if (!operator || operator.ifExists || operator.family === 'Null' || operator.setQualifier === 'ForAllValues') return false;
  return !/Not/.test(operator.base);
}

/** The actions of the statement whose request never carries `key` (`service:Action`), or undefined when unknown. */
function actionsWithoutKey(statement: StatementView, key: string): { without: string[]; total: number } | undefined {
  const without: string[] = [];
  let total = 0;
  for (const item of statement.actions) {
    const resolved = resolveItem(item);
    if (resolved.kind === 'unknown-service' || resolved.kind === 'malformed') continue;
    if (resolved.kind !== 'service') return undefined; // `*`, cross-service wildcards: too broad to list
    const service = loadedService(resolved.service);
    if (!service) return undefined;
    for (const action of resolved.actions) {
      total++;
      const supported = service
        .conditionKeysOf(action)
        .some((candidate) =>
          isConditionKeyTemplate(candidate)
            ? conditionKeyTemplatePattern(candidate).test(key)
            : candidate.toLowerCase() === key.toLowerCase(),
        );
      if (!supported) without.push(`${resolved.service}:${action.name}`);
    }
  }
  return { without: [...new Set(without)], total };
}

export const tagConditionCoverage: Rule = {
  meta: {
    id: 'iam/tag-condition-coverage',
    title: 'An aws:ResourceTag condition on actions that do not support it (a Deny that does not deny them)',
    defaultSeverity: 'warning',
    phase: 'runtime',
    docsUrl: ABAC_URL,
    fixable: false,
    appliesTo: POLICY_KINDS,
    description: [
      'A request carries `aws:ResourceTag/key` only for actions on resource types that support tag-based access',
      'control. For the other actions the key is missing, so `StringEquals` and the other positive operators are false:',
      'an Allow never grants those actions (info), and a Deny never denies them, which leaves access open (warning).',
      'With `NotAction`, the actions left in scope always include some that do not support the key. Move the',
      'unsupported actions to a statement of their own, scoped by resource ARN. IAM Access Analyzer reports the same',
      'four cases ("Allow/Deny [NotAction] with unsupported tag condition key for service").',
    ].join('\n'),
  },
  check(context) {
    for (const statement of allStatements(context.document)) {
      if (statement.effect !== 'Allow' && statement.effect !== 'Deny') continue;
      const deny = statement.effect === 'Deny';
      for (const entry of conditionEntries(statement)) {
        if (!/^aws:ResourceTag\/./i.test(entry.key) || !failsWithoutKey(entry)) continue;
        if (statement.actionKey === 'NotAction') {
          context.report({
            at: entry.keyNode,
            severity: deny ? 'warning' : 'info',
            message: deny
              ? `With \`NotAction\`, this Deny covers actions that do not support \`${entry.key}\`; for them the key is missing and the condition false, so they are not denied. List the actions to deny in \`Action\` instead.`
              : `With \`NotAction\`, this Allow covers actions that do not support \`${entry.key}\`; for them the key is missing and the condition false, so they are never allowed. List the actions to allow in \`Action\` instead.`,
          });
          continue;
        }
        const coverage = actionsWithoutKey(statement, entry.key);
        if (!coverage || coverage.without.length === 0) continue;
        const all = coverage.without.length === coverage.total;
        const which = all
          ? `None of this statement's actions supports \`${entry.key}\``
          : `${listOf(coverage.without)} ${coverage.without.length === 1 ? 'does' : 'do'} not support \`${entry.key}\``;
        context.report({
          at: entry.keyNode,
          severity: deny ? 'warning' : 'info',
          message: deny
            ? `${which}: for ${all ? 'them' : 'those actions'} the key is missing and the condition false, so this Deny does not deny ${all ? 'anything' : 'them'}. Deny ${all ? 'the actions' : 'them'} in a statement of ${all ? 'its' : 'their'} own, scoped by resource ARN.`
            : `${which}: for ${all ? 'them' : 'those actions'} the key is missing and the condition false, so this Allow never grants ${all ? 'anything' : 'them'}. Allow ${all ? 'the actions' : 'them'} in a statement of ${all ? 'its' : 'their'} own, scoped by resource ARN.`,
        });
      }
    }
  },
};
