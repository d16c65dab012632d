import { arrayItems, property, stringValue, type Node } from '../../core/json';
import { fieldLabel, isTerraformBlock } from '../../core/fieldNames';
import type { Rule } from '../../core/rule';
import { removeNodes } from '../../core/edits';
import { ECS_DOCS } from '../../ecs/links';
import { booleanValue, containerLabel, containersOf, ecsViews, keyOf } from '../../ecs/taskDefinition';
import { fargateConsequence, fargateReason, fargateWhy } from '../../ecs/services';

/** Log drivers Fargate supports (the ECS Developer Guide, "Fargate task definition considerations"). */
export const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

/** Container `linuxParameters` members the model documents as not supported on Fargate. */
const LINUX_PARAMETERS_NOT_ON_FARGATE = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'];

export const fargateUnsupportedParameter: Rule = {
  meta: {
    id: 'ecs/fargate-unsupported-parameter',
    title: 'A parameter Fargate does not support',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.fargate,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'Fargate runs tasks on infrastructure you do not manage, so parameters that reach into the host are',
      'rejected when a task definition requires FARGATE compatibility: `privileged`, `links`,',
      '`dockerSecurityOptions`, `linuxParameters.devices`, `sharedMemorySize`, `tmpfs`, `maxSwap`, `swappiness`,',
      'kernel capabilities other than `SYS_PTRACE`, `dockerVolumeConfiguration` and host `sourcePath` volumes,',
      '`ipcMode`, `pidMode: host`, and log drivers other than `awslogs`, `splunk` and `awsfirelens`. The quick',
      'fix removes the parameter; for a log driver, switch to `awslogs` or route logs through FireLens.',
    ].join('\n'),
  },
  check(context) {
    for (const view of ecsViews(context.document)) {
      const fargate = fargateReason(context.document, view, context.workspace, context.filePath);
      if (!fargate) continue;
      const why = `this task definition ${fargateWhy(fargate)}, ${fargateConsequence(fargate)}`;
      const report = (node: Node, what: string, removable = true) =>
        context.report({
          at: keyOf(node),
          message: `Fargate does not support ${what}; ${why}. Remove it${removable ? '' : ' or change it'}.`,
          fixes:
            removable && node.parent?.type === 'property'
              ? [
                  {
                    title: `Remove \`${fieldLabel(node.parent.parent, String(keyOf(node).value))}\``,
                    edits: removeNodes([node.parent]),
                    isPreferred: true,
                  },
                ]
              : [],
        });

      const ipcMode = property(view.node, 'ipcMode');
      if (ipcMode) report(ipcMode, `\`${fieldLabel(view.node, 'ipcMode')}\` (IPC namespaces are not configurable)`);
      const pidMode = property(view.node, 'pidMode');
      const hostPid = isTerraformBlock(view.node) ? `${fieldLabel(view.node, 'pidMode')} = "host"` : 'pidMode: "host"';
      if (stringValue(pidMode) === 'host') report(pidMode!, `\`${hostPid}\` (only \`task\` is available)`);

      containersOf(view.node).forEach((container, index) => {
        const label = containerLabel(container, index);
        const privileged = property(container.node, 'privileged');
        if (booleanValue(privileged) === true) report(privileged!, `privileged containers (${label})`);
        const links = property(container.node, 'links');
        if (links && arrayItems(links).length > 0) {
          report(links, `\`links\` (${label}); containers in an awsvpc task reach each other on localhost`);
        }
        const securityOptions = property(container.node, 'dockerSecurityOptions');
        if (securityOptions && arrayItems(securityOptions).length > 0) report(securityOptions, `\`dockerSecurityOptions\` (${label})`);
        const linuxParameters = property(container.node, 'linuxParameters');
        for (const name of LINUX_PARAMETERS_NOT_ON_FARGATE) {
          const parameter = property(linuxParameters, name);
          if (parameter && !(parameter.type === 'array' && arrayItems(parameter).length === 0)) {
            report(parameter, `\`linuxParameters.${name}\` (${label})`);
          }
        }
        for (const capability of arrayItems(property(property(linuxParameters, 'capabilities'), 'add'))) {
          const value = stringValue(capability);
          if (value && value !== 'SYS_PTRACE') {
            context.report({
              at: capability,
              message: `Fargate only lets containers add the \`SYS_PTRACE\` kernel capability, not \`${value}\` (${label}); ${why}. Remove it.`,
              fixes: [{ title: `Remove ${value}`, edits: removeNodes([capability]), isPreferred: true }],
            });
          }
        }
        const logDriver = property(property(container.node, 'logConfiguration'), 'logDriver');
        const driver = stringValue(logDriver);
        if (logDriver && driver && !FARGATE_LOG_DRIVERS.includes(driver)) {
          context.report({
            at: logDriver,
            message: `Fargate supports only the ${FARGATE_LOG_DRIVERS.join(', ')} log drivers, not \`${driver}\` (${label}); ${why}. Use \`awslogs\`, or \`awsfirelens\` to route logs with Fluent Bit to other destinations.`,
          });
        }
      });

      for (const volume of arrayItems(property(view.node, 'volumes'))) {
        const name = stringValue(property(volume, 'name'));
        const docker = property(volume, 'dockerVolumeConfiguration');
        if (docker) {
          report(
            docker,
            `Docker volumes (\`${fieldLabel(volume, 'dockerVolumeConfiguration')}\` of volume \`${name ?? '?'}\`); use an EFS volume or ephemeral storage`,
          );
        }
        const sourcePath = property(property(volume, 'host'), 'sourcePath');
        if (sourcePath) {
          report(
            sourcePath,
            `host paths (\`${isTerraformBlock(volume) ? 'host_path' : 'host.sourcePath'}\` of volume \`${name ?? '?'}\`); without it the volume is task storage`,
          );
        }
      }
    }
  },
};
