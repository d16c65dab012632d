// Loads the parts of the IAM catalogue a policy document refers to, before the synchronous rules run.
// Only policy documents trigger loading (a task definition never waits for IAM data), and only the
// services named in actions, resource ARNs and condition keys are read.
import type { JsonDocument } from '../core/document';
import { registerPreparer } from '../core/prepare';
import { catalogIndex, loadActionNames, loadCatalogIndex, loadedActionNames, loadService, loadedService } from './catalog';
import { allStatements, conditionEntries, splitAction } from './policyModel';
import { hasWildcard } from './wildcard';

export async function prepareIamData(document: JsonDocument): Promise<void> {
  if (document.policies.length === 0) return;
  // Once the data is loaded (the usual case after the first policies) nothing here waits.
  const index = catalogIndex() ?? (await loadCatalogIndex());
  const prefixes = new Set<string>();
  const actionPrefixes = new Set<string>();
  let needsAllNames = false;
  const statements = allStatements(document);
  for (const statement of statements) {
    for (const action of statement.actions) {
      const parts = splitAction(action.value);
      if (!parts) continue;
      if (hasWildcard(parts.service)) needsAllNames = true;
      else {
        prefixes.add(parts.service.toLowerCase());
        actionPrefixes.add(parts.service.toLowerCase());
      }
    }
    for (const resource of statement.resources) {
      const arnService = resource.value.startsWith('arn:') ? resource.value.split(':')[2] : undefined;
      for (const prefix of (arnService && index.arnServices.get(arnService.toLowerCase())) || []) prefixes.add(prefix);
    }
    for (const entry of conditionEntries(statement)) {
      const keyPrefix = entry.key.split(':')[0].toLowerCase();
      if (keyPrefix !== 'aws') prefixes.add(keyPrefix);
    }
  }
  const toLoad = [...prefixes].filter((prefix) => index.serviceNames.has(prefix) && !loadedService(prefix));
  if (toLoad.length > 0) await Promise.all(toLoad.map(loadService));
  if (loadedActionNames()) return;
  if (!needsAllNames) {
    // An action missing from its own service may exist in another one: the did-you-mean needs every name.
    needsAllNames =
      [...actionPrefixes].some((prefix) => !index.serviceNames.has(prefix)) ||
      statements.some((statement) =>
        statement.actions.some((action) => {
          const parts = splitAction(action.value);
          const service = parts && loadedService(parts.service);
          return !!service && !hasWildcard(parts.name) && !service.action(parts.name);
        }),
      );
  }
  if (needsAllNames) await loadActionNames();
}

registerPreparer(prepareIamData);
