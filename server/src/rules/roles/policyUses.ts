// For a policy file: which task definitions use it, through which role field.
import { getNodeValue, type Node } from 'jsonc-parser';
import { statementsOf } from '../../core/classify';
import { arrayItems, property, stringValue } from '../../core/json';
import type { JsonDocument } from '../../core/document';
import type { RuleContext } from '../../core/rule';
import { templatePolicyUses } from '../../roles/cloudformationLinking';
import { modulePolicyUses } from '../../roles/terraformModule';
import { roleUsesOfPolicyFile, type RoleField, type RoleUse } from '../../roles/linking';

export function usesOfThisPolicy(context: RuleContext, field: RoleField, as: 'permission' | 'trust'): RoleUse[] {
  const { workspace, filePath } = context;
  if (context.document.kind === 'cloudformation-template') {
    // policyScopes() gives each template policy its own context: its uses are the template's own links.
    const [policy] = context.document.policies;
    if (!policy || context.document.policies.length !== 1) return [];
    // A Terraform file among others of its module: the task definitions of the whole module.
    const uses = modulePolicyUses(context.document, policy, filePath, workspace) ?? templatePolicyUses(context.document, policy, filePath);
    return uses.filter((use) => use.field === field && use.as === as);
  }
  if (!workspace || !filePath) return [];
  return roleUsesOfPolicyFile(workspace, filePath).filter(
    (use) =>
      use.field === field &&
      (as === 'trust'
        ? use.link.trustPolicies.some((file) => file.path === filePath)
        : use.link.sources.some((source) => source.file === filePath)),
  );
}

/** "`orders-api` (task-definition.json)" for the first few uses. */
export function describeUses(context: RuleContext, uses: readonly RoleUse[]): string {
  const names = [
    ...new Set(
      uses.map(
        (use) =>
          `\`${stringValue(property(use.taskDefinition.node, 'family')) ?? 'task definition'}\` (${context.workspace?.label(use.file) ?? use.file})`,
      ),
    ),
  ];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

export interface ActionItem {
  statement: Node;
  node: Node;
  action: string;
  resources: string[];
}

/** Allow statements' actions in the document's policies, with their statement's resources. */
export function allowedActions(context: RuleContext): ActionItem[] {
  const items: ActionItem[] = [];
  for (const policy of context.document.policies) {
    for (const statement of statementsOf(policy.node)) {
      if (stringValue(property(statement, 'Effect')) !== 'Allow') continue;
      const actionNode = property(statement, 'Action');
      const actions = actionNode?.type === 'string' ? [actionNode] : arrayItems(actionNode).filter((item) => item.type === 'string');
      const resourceValue = getNodeValue(property(statement, 'Resource') ?? ({ type: 'null' } as Node));
      const resources =
        typeof resourceValue === 'string'
          ? [resourceValue]
          : Array.isArray(resourceValue)
            ? resourceValue.filter((r): r is string => typeof r === 'string')
            : [];
      for (const node of actions) items.push({ statement, node, action: String(node.value), resources });
    }
  }
  return items;
}

const scopes = new WeakMap<JsonDocument, JsonDocument[]>();

/** The rule context once per policy of a template (each with only that policy), or the context itself. */
export function policyScopes(context: RuleContext): RuleContext[] {
  const { document } = context;
  if (document.kind !== 'cloudformation-template') return [context];
  let documents = scopes.get(document);
  if (!documents) {
    documents = document.policies.map((policy) => ({ ...document, policies: [policy] }));
    scopes.set(document, documents);
  }
  return documents.map((scoped) => ({ ...context, document: scoped }));
}
