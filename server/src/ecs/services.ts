// ECS services and the task definitions they run. A service names its task definition by family,
// `family:revision` or ARN (create-service input, or a literal in a template), or in a template by `Ref` /
// `Fn::GetAtt` to an `AWS::ECS::TaskDefinition` resource. The link goes both ways: a service rule reads the
// task definition's containers and ports, and a task-definition rule learns that a Fargate service runs it.
import type { ServiceView, TaskDefinitionView } from '../core/classify';
import { templateResources } from '../core/classify';
import type { JsonDocument } from '../core/document';
import { branchesOf, intrinsicOf, templateRootOf } from '../core/intrinsics';
import { arrayItems, keyNode, property, stringValue, type Node } from '../core/json';
import type { WorkspaceView } from '../core/workspace';
import { fileAt, nodeInModule, sameNodeIn, terraformModule } from '../core/terraformModule';

const GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';
const API = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';

/** The AWS pages the service rules rest on. */
export const SERVICE_DOCS = {
  createService: `${API}/API_CreateService.html`,
  loadBalancer: `${API}/API_LoadBalancer.html`,
  serviceRegistry: `${API}/API_ServiceRegistry.html`,
  serviceConnectService: `${API}/API_ServiceConnectService.html`,
  launchTypes: `${GUIDE}/launch_types.html`,
  awsvpc: `${GUIDE}/task-networking-awsvpc.html`,
  targetGroupHealthCheck: `${GUIDE}/alb.html`,
} as const;

export type LaunchKind = 'FARGATE' | 'EC2' | 'EXTERNAL' | 'MANAGED_INSTANCES';

export interface ServiceLaunch {
  kind: LaunchKind;
  /** The node that says so: `launchType`, or the capacity provider strategy. */
  node: Node;
  /** How messages name it: "launchType FARGATE", "capacity provider FARGATE_SPOT". */
  label: string;
}

/**
 * Where the service's tasks run: its `launchType`, or a capacity provider strategy of only `FARGATE` /
 * `FARGATE_SPOT`. A service that names neither runs on its cluster's default capacity provider strategy
 * (CreateService: "If no capacityProviderStrategy or launchType is specified, the defaultCapacityProviderStrategy
 * for the cluster is used"), which is known when the template defines that cluster (`DefaultCapacityProviderStrategy`
 * of the `AWS::ECS::Cluster`, or of an `AWS::ECS::ClusterCapacityProviderAssociations` for it). The API documents no
 * fallback for a cluster without a default strategy, so nothing is inferred then. Other capacity providers (Auto
 * Scaling groups, managed instances) are unknown here. A service that names both a launch type and a strategy is
 * rejected by the API (reported on its own); only when both say Fargate is Fargate inferred.
 */
export function serviceLaunch(service: Node): ServiceLaunch | undefined {
  const launchNode = property(service, 'launchType');
  const strategy = property(service, 'capacityProviderStrategy');
  const strategyGiven = strategy !== undefined && !(strategy.type === 'array' && arrayItems(strategy).length === 0);
  const fromStrategy = strategyGiven ? strategyLaunch(strategy, strategy, 'capacity provider') : undefined;
  if (launchNode) {
    const launchType = stringValue(launchNode);
    if (launchType !== 'FARGATE' && launchType !== 'EC2' && launchType !== 'EXTERNAL' && launchType !== 'MANAGED_INSTANCES') {
      return undefined;
    }
    if (strategyGiven && !(launchType === 'FARGATE' && fromStrategy?.kind === 'FARGATE')) return undefined;
    return { kind: launchType, node: launchNode, label: `launch type ${launchType}` };
  }
  if (strategyGiven) return fromStrategy;
  return clusterDefaultLaunch(service);
}

/** Fargate when every provider of a strategy is FARGATE or FARGATE_SPOT. */
function strategyLaunch(strategy: Node, at: Node, what: string): ServiceLaunch | undefined {
  // `capacityProvider` in a service (CloudFormation spellings mapped), `CapacityProvider` in a cluster resource.
  const providers = arrayItems(strategy).map(
    (item) => stringValue(property(item, 'capacityProvider')) ?? stringValue(property(item, 'CapacityProvider')),
  );
  if (providers.length === 0 || !providers.every((name) => name === 'FARGATE' || name === 'FARGATE_SPOT')) return undefined;
  return { kind: 'FARGATE', node: at, label: `${what} ${[...new Set(providers)].join(' and ')}` };
}

/** The launch a template service without launch type or strategy gets from the default strategy of its cluster in the same template. */
function clusterDefaultLaunch(service: Node): ServiceLaunch | undefined {
  const clusterValue = property(service, 'cluster');
  if (!clusterValue) return undefined;
  const root = templateRootOf(service);
  const resources = templateResources(root);
  if (!resources.some((resource) => resource.properties === service && resource.type === 'AWS::ECS::Service')) return undefined;
  const ids = [...new Set(referencedResources(clusterValue))];
  if (ids.length !== 1) return undefined;
  const cluster = resources.find((resource) => resource.id === ids[0] && resource.type === 'AWS::ECS::Cluster');
  if (!cluster) return undefined;
  const clusterName = stringValue(property(cluster.properties, 'ClusterName'));
  // An association resource sets the cluster's providers and default strategy (PutClusterCapacityProviders).
  const association = resources.find((resource) => {
    if (resource.type !== 'AWS::ECS::ClusterCapacityProviderAssociations') return false;
    const target = property(resource.properties, 'Cluster');
    if (!target) return false;
    return referencedResources(target).includes(cluster.id) || (clusterName !== undefined && stringValue(target) === clusterName);
  });
  const strategy = property((association ?? cluster).properties, 'DefaultCapacityProviderStrategy');
  if (!strategy || strategy.type !== 'array') return undefined;
  const source = association ? `\`${association.id}\`` : `cluster \`${cluster.id}\``;
  // Reported on the service's `Cluster` key (its value is an intrinsic function, whose findings are not shown).
  return strategyLaunch(strategy, keyNode(clusterValue) ?? clusterValue, `the default capacity provider strategy of ${source}:`);
}

/** A task definition a service runs. */
export interface LinkedTaskDefinition {
  view: TaskDefinitionView;
  document: JsonDocument;
  /** Absolute path of the file that holds it when it is another file; undefined in the service's own document. */
  path?: string;
  /** How messages name it: "task definition `WebTask`", "task definition `web` (taskdefs/web.json)". */
  label: string;
}

/** A service that runs a task definition. */
export interface ServiceUse {
  service: ServiceView;
  document: JsonDocument;
  /** Absolute path when the service is in another file. */
  path?: string;
  /** How messages name it: "service `WebService`", "service `web` (services/web.json)". */
  label: string;
  launch: ServiceLaunch | undefined;
}

/** `web`, `web:3`, `arn:aws:ecs:us-east-1:123456789012:task-definition/web:3`: the family. */
export function familyOfReference(reference: string): string | undefined {
  const arn = /^arn:[a-z-]+:ecs:[^:]*:[^:]*:task-definition\/([A-Za-z0-9_-]+)(?::\d+)?$/.exec(reference);
  if (arn) return arn[1];
  const plain = /^([A-Za-z0-9_-]{1,255})(?::\d+)?$/.exec(reference);
  return plain?.[1];
}

/** The family a task definition registers under (`family`, `Family` in a template), when written as a string. */
export function familyOf(taskDefinition: Node): string | undefined {
  return stringValue(property(taskDefinition, 'family'));
}

/** The logical ids of the `AWS::ECS::TaskDefinition` resources a template value refers to (`Ref`, `Fn::GetAtt`, both branches of `Fn::If`). */
function referencedResources(value: Node): string[] {
  const ids: string[] = [];
  for (const branch of branchesOf(value)) {
    const intrinsic = intrinsicOf(branch);
    if (intrinsic?.name === 'Ref') {
      const id = stringValue(intrinsic.argument);
      if (id) ids.push(id);
    } else if (intrinsic?.name === 'Fn::GetAtt') {
      const argument = intrinsic.argument;
      const id = argument?.type === 'array' ? stringValue(arrayItems(argument)[0]) : stringValue(argument)?.split('.')[0];
      if (id) ids.push(id);
    }
  }
  return ids;
}

function serviceName(service: ServiceView): string | undefined {
  return service.resource ?? stringValue(property(service.node, 'serviceName')) ?? stringValue(property(service.node, 'service'));
}

function serviceLabel(service: ServiceView, workspace: WorkspaceView | undefined, path: string | undefined): string {
  const name = serviceName(service);
  const where = path && workspace ? ` in ${workspace.label(path)}` : '';
  return `service${name ? ` \`${name}\`` : ''}${where}`;
}

function taskDefinitionLabel(view: TaskDefinitionView, workspace: WorkspaceView | undefined, path: string | undefined): string {
  const resource = view.format === 'cloudformation' ? resourceIdOf(view.node) : undefined;
  const name = resource ?? familyOf(view.node);
  const where = path && workspace ? ` in ${workspace.label(path)}` : '';
  return `task definition${name ? ` \`${name}\`` : ''}${where}`;
}

/** The logical id of the template resource whose Properties is `properties`. */
function resourceIdOf(properties: Node): string | undefined {
  const resource = templateResources(templateRootOf(properties)).find((candidate) => candidate.properties === properties);
  return resource?.id;
}

interface WorkspaceTables {
  generation: number;
  taskDefinitions: Map<string, Array<{ view: TaskDefinitionView; document: JsonDocument; path: string }>>;
  services: Map<string, Array<{ service: ServiceView; document: JsonDocument; path: string }>>;
}
const workspaceCache = new WeakMap<WorkspaceView, WorkspaceTables>();

/** Task definitions by family and services by the family they name, over the whole workspace (once per generation). */
function workspaceTables(workspace: WorkspaceView): WorkspaceTables {
  const cached = workspaceCache.get(workspace);
  if (cached && cached.generation === workspace.generation) return cached;
  const tables: WorkspaceTables = { generation: workspace.generation, taskDefinitions: new Map(), services: new Map() };
  for (const file of workspace.files()) {
    for (const view of file.document.taskDefinitions) {
      const family = familyOf(view.node);
      if (!family) continue;
      const list = tables.taskDefinitions.get(family) ?? [];
      list.push({ view, document: file.document, path: file.path });
      tables.taskDefinitions.set(family, list);
    }
    for (const service of file.document.services) {
      const reference = stringValue(property(service.node, 'taskDefinition'));
      const family = reference === undefined ? undefined : familyOfReference(reference);
      if (!family) continue;
      const list = tables.services.get(family) ?? [];
      list.push({ service, document: file.document, path: file.path });
      tables.services.set(family, list);
    }
  }
  workspaceCache.set(workspace, tables);
  return tables;
}

/**
 * The task definitions a service runs: the resource its `Ref` / `Fn::GetAtt` names in the same template, or
 * the task definitions of the family it names, in its own document first, else across the workspace.
 */
export function taskDefinitionsOfService(
  document: JsonDocument,
  service: ServiceView,
  workspace?: WorkspaceView,
  filePath?: string,
): LinkedTaskDefinition[] {
  const value = property(service.node, 'taskDefinition');
  if (!value) return [];
  const inModule = workspace && filePath ? moduleTaskDefinitionsOfService(document, service, workspace, filePath) : undefined;
  if (inModule && inModule.length > 0) return inModule;
  if (service.format === 'cloudformation') {
    const ids = referencedResources(value);
    if (ids.length > 0) {
      const resources = templateResources(document.root).filter((resource) => ids.includes(resource.id));
      return document.taskDefinitions
        .filter((view) => resources.some((resource) => resource.properties === view.node))
        .map((view) => ({ view, document, label: taskDefinitionLabel(view, workspace, undefined) }));
    }
  }
  const reference = value.type === 'string' ? String(value.value) : undefined;
  const family = reference === undefined ? undefined : familyOfReference(reference);
  if (!family) return [];
  const local = document.taskDefinitions.filter((view) => familyOf(view.node) === family);
  if (local.length > 0) return local.map((view) => ({ view, document, label: taskDefinitionLabel(view, workspace, undefined) }));
  if (!workspace) return [];
  return (workspaceTables(workspace).taskDefinitions.get(family) ?? [])
    .filter((entry) => entry.path !== filePath)
    .map((entry) => ({
      view: entry.view,
      document: entry.document,
      path: entry.path,
      label: taskDefinitionLabel(entry.view, workspace, entry.path),
    }));
}

/** The services that run a task definition: in its own document (by reference or family), and by family in other files. */
export function servicesUsing(
  document: JsonDocument,
  view: TaskDefinitionView,
  workspace?: WorkspaceView,
  filePath?: string,
): ServiceUse[] {
  const uses: ServiceUse[] = [];
  for (const service of document.services) {
    if (taskDefinitionsOfService(document, service).some((linked) => linked.view.node === view.node)) {
      uses.push({ service, document, label: serviceLabel(service, workspace, undefined), launch: serviceLaunch(service.node) });
    }
  }
  if (workspace && filePath) uses.push(...moduleServicesUsing(document, view, workspace, filePath));
  const family = familyOf(view.node);
  if (workspace && family) {
    for (const entry of workspaceTables(workspace).services.get(family) ?? []) {
      if (entry.path === filePath) continue;
      if (uses.some((use) => use.service.node === entry.service.node)) continue;
      // A service file next to a task definition of the same family in its own document runs that one.
      if (entry.document.taskDefinitions.some((other) => familyOf(other.node) === family)) continue;
      uses.push({
        service: entry.service,
        document: entry.document,
        path: entry.path,
        label: serviceLabel(entry.service, workspace, entry.path),
        launch: serviceLaunch(entry.service.node),
      });
    }
  }
  return uses;
}

/**
 * A service of a Terraform file among others of its module (core/terraformModule.ts): the task definitions
 * it runs anywhere in the module, each as the node of the file that holds it.
 */
function moduleTaskDefinitionsOfService(
  document: JsonDocument,
  service: ServiceView,
  workspace: WorkspaceView,
  filePath: string,
): LinkedTaskDefinition[] | undefined {
  const module = terraformModule(workspace, filePath, document);
  const own = module && nodeInModule(module, service.node, module.document.services);
  if (!module || !own) return undefined;
  const linked: LinkedTaskDefinition[] = [];
  for (const { view } of taskDefinitionsOfService(module.document, own)) {
    const file = fileAt(module, view.node.offset);
    const inFile = sameNodeIn(file, view.node, file.document.taskDefinitions);
    if (!inFile) continue;
    const path = file.path === module.own.path ? undefined : file.path;
    linked.push({ view: inFile, document: file.document, path, label: taskDefinitionLabel(inFile, workspace, path) });
  }
  return linked;
}

/** The services of the other files of a Terraform task definition's module that run it. */
function moduleServicesUsing(document: JsonDocument, view: TaskDefinitionView, workspace: WorkspaceView, filePath: string): ServiceUse[] {
  const module = terraformModule(workspace, filePath, document);
  const own = module && nodeInModule(module, view.node, module.document.taskDefinitions);
  if (!module || !own) return [];
  const uses: ServiceUse[] = [];
  for (const service of module.document.services) {
    const file = fileAt(module, service.node.offset);
    if (file.path === module.own.path) continue; // the file's own services are found in its own tree
    if (!taskDefinitionsOfService(module.document, service).some((linked) => linked.view.node === own.node)) continue;
    const inFile = sameNodeIn(file, service.node, file.document.services);
    if (!inFile) continue;
    uses.push({
      service: inFile,
      document: file.document,
      path: file.path,
      label: serviceLabel(inFile, workspace, file.path),
      launch: serviceLaunch(inFile.node),
    });
  }
  return uses;
}

/** Why the Fargate rules apply to a task definition: it requires FARGATE, or a Fargate service runs it. */
export type FargateReason = { by: 'requiresCompatibilities' } | { by: 'service'; use: ServiceUse };

const reasonCache = new WeakMap<Node, { generation: number | undefined; reason: FargateReason | undefined }>();

export function fargateReason(
  document: JsonDocument,
  view: TaskDefinitionView,
  workspace?: WorkspaceView,
  filePath?: string,
): FargateReason | undefined {
  if (arrayItems(property(view.node, 'requiresCompatibilities')).some((item) => stringValue(item) === 'FARGATE')) {
    return { by: 'requiresCompatibilities' };
  }
  const cached = reasonCache.get(view.node);
  if (cached && cached.generation === workspace?.generation) return cached.reason;
  const use = servicesUsing(document, view, workspace, filePath).find((candidate) => candidate.launch?.kind === 'FARGATE');
  const reason: FargateReason | undefined = use ? { by: 'service', use } : undefined;
  reasonCache.set(view.node, { generation: workspace?.generation, reason });
  return reason;
}

/** "requires FARGATE compatibility" / "is run by the Fargate service `Web` (launch type FARGATE)", after "This task definition". */
export function fargateWhy(reason: FargateReason): string {
  return reason.by === 'requiresCompatibilities'
    ? 'requires FARGATE compatibility'
    : `is run by the Fargate ${reason.use.label} (${reason.use.launch!.label})`;
}

/** What follows when a Fargate rule is broken: registration fails, or (inferred from a service) the service cannot run the task definition. */
export function fargateConsequence(reason: FargateReason): string {
  return reason.by === 'requiresCompatibilities' ? 'so registering it fails' : 'so that service cannot run it';
}

/** Where a finding about the whole task definition goes: `requiresCompatibilities`, else `family`, else its opening brace. */
export function taskDefinitionAnchor(view: TaskDefinitionView): Node | { offset: number; length: number } {
  for (const name of ['requiresCompatibilities', 'family']) {
    const value = property(view.node, name);
    const key = value?.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
    if (key) return key;
  }
  const parent = view.node.parent;
  if (parent?.type === 'property' && parent.children?.[0]) return parent.children[0];
  return { offset: view.node.offset, length: 1 };
}

/** A container's port mappings: `containerPort`, `hostPort` and `name` as written (numbers as numbers; CloudFormation strings converted). */
export interface PortMappingView {
  node: Node;
  containerPort: number | undefined;
  hostPort: number | undefined;
  hostPortNode: Node | undefined;
  name: string | undefined;
}

function integerOf(node: Node | undefined): number | undefined {
  if (node?.type === 'number' && Number.isInteger(node.value)) return Number(node.value);
  const text = stringValue(node);
  return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

export function portMappingsOf(container: Node): PortMappingView[] {
  return arrayItems(property(container, 'portMappings')).map((node) => {
    const hostPortNode = property(node, 'hostPort');
    return {
      node,
      containerPort: integerOf(property(node, 'containerPort')),
      hostPort: integerOf(hostPortNode),
      hostPortNode,
      name: stringValue(property(node, 'name')),
    };
  });
}

/** A number written as a number or (in a template) a numeric string. */
export function integerValue(node: Node | undefined): number | undefined {
  return integerOf(node);
}

/** A service as the task-role needs see it: its node, how messages name it, and whether it is in the task definition's document. */
export interface ServiceReference {
  node: Node;
  label: string;
  inDocument: boolean;
}

/** The services of the task definition's own template that run it (by `Ref` / `Fn::GetAtt` or family): what a task-definition node alone can tell. */
export function templateServicesOf(taskDefinition: Node): ServiceReference[] {
  const root = templateRootOf(taskDefinition);
  const resources = templateResources(root);
  const own = resources.find((resource) => resource.properties === taskDefinition);
  if (!own || own.type !== 'AWS::ECS::TaskDefinition') return [];
  const family = familyOf(taskDefinition);
  const result: ServiceReference[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::ECS::Service' || resource.properties?.type !== 'object') continue;
    const value = property(resource.properties, 'taskDefinition');
    if (!value) continue;
    const ids = referencedResources(value);
    const reference = value.type === 'string' ? familyOfReference(String(value.value)) : undefined;
    if (ids.includes(own.id) || (family !== undefined && reference === family)) {
      result.push({ node: resource.properties, label: `service \`${resource.id}\``, inDocument: true });
    }
  }
  return result;
}

/** The cluster resource a template service names with `Ref` (its Properties), when it is in the same template. */
export function templateClusterOf(service: Node): Node | undefined {
  const reference = intrinsicOf(property(service, 'cluster'));
  const id = reference?.name === 'Ref' ? stringValue(reference.argument) : undefined;
  if (!id) return undefined;
  const cluster = templateResources(templateRootOf(service)).find(
    (resource) => resource.id === id && resource.type === 'AWS::ECS::Cluster',
  );
  return cluster?.properties;
}
