import { property, stringValue, type Node } from '../../core/json';
import { isIntrinsic } from '../../core/intrinsics';
import type { Rule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { insertProperty } from '../../core/edits';
import { FARGATE_TASK_SIZES, fargateCpuOption, fargateCpusForMemory, formatCpu, parseCpuUnits, parseMemoryMiB } from '../../ecs/fargate';
import { ECS_DOCS } from '../../ecs/links';
import { ecsViews, keyOf } from '../../ecs/taskDefinition';
import { fargateReason, fargateWhy, taskDefinitionAnchor } from '../../ecs/services';

const CPU_VALUES = FARGATE_TASK_SIZES.map((option) => option.cpu).join(', ');

export const fargateTaskSize: Rule = {
  meta: {
    id: 'ecs/fargate-task-size',
    title: 'Fargate needs a task-level cpu and memory that form a valid pair',
    defaultSeverity: 'error',
    phase: 'register',
    docsUrl: ECS_DOCS.fargateTaskSize,
    fixable: true,
    appliesTo: ['ecs-task-definition', 'cloudformation-template'],
    description: [
      'A task definition that requires FARGATE compatibility must set task-level `cpu` and `memory`, and only',
      'certain pairs exist: 256 CPU units (0.25 vCPU) with 512, 1024 or 2048 MiB; 512 with 1–4 GB; 1024 with 2–8 GB;',
      '2048 with 4–16 GB; 4096 with 8–30 GB (1 GB steps); 8192 with 16–60 GB (4 GB steps) and 16384 with 32–120 GB',
      '(8 GB steps), the last two on Linux platform version 1.4.0 or later. Values may be written in CPU units and',
      'MiB (`"1024"`, `"2048"`) or as `"1 vCPU"` and `"2 GB"`. Quick fixes pick the nearest valid value.',
    ].join('\n'),
  },
  check(context) {
    const { text } = context.document;
    for (const view of ecsViews(context.document)) {
      const fargate = fargateReason(context.document, view, context.workspace, context.filePath);
      if (!fargate) continue;
      const cpuNode = property(view.node, 'cpu');
      const memoryNode = property(view.node, 'memory');
      // A CloudFormation value that cannot be known (a Ref without Default, a Fn::If with two sizes) is not judged.
      if (
        (cpuNode && sizeValue(cpuNode) === undefined && isIntrinsic(cpuNode)) ||
        (memoryNode && sizeValue(memoryNode) === undefined && isIntrinsic(memoryNode))
      ) {
        continue;
      }
      const cpu = cpuNode ? parseCpuUnits(sizeValue(cpuNode)) : undefined;
      const memory = memoryNode ? parseMemoryMiB(sizeValue(memoryNode)) : undefined;
      const anchor = taskDefinitionAnchor(view);
      const asString = (node: Node | undefined) => node?.type !== 'number';

      if (!cpuNode || !memoryNode) {
        const missing = [!cpuNode && '`cpu`', !memoryNode && '`memory`'].filter(Boolean).join(' and ');
        const fixCpu = cpu ?? (memory !== undefined ? fargateCpusForMemory(memory)[0] : undefined) ?? 256;
        const fixMemory = memory ?? fargateCpuOption(fixCpu)?.memory[0];
        const fixes: Fix[] = [];
        if (fixMemory !== undefined && fargateCpuOption(fixCpu)?.memory.includes(fixMemory)) {
          const edits = [];
          const after =
            memoryNode?.parent ??
            cpuNode?.parent ??
            property(view.node, 'networkMode')?.parent ??
            property(view.node, 'requiresCompatibilities')?.parent;
          if (!cpuNode) edits.push(insertProperty(text, view.node, 'cpu', JSON.stringify(String(fixCpu)), after));
          if (!memoryNode) {
            edits.push(insertProperty(text, view.node, 'memory', JSON.stringify(String(fixMemory)), cpuNode?.parent ?? after));
          }
          // Two insertions at the same place would be applied in an unspecified order; keep one edit there.
          const merged =
            edits.length === 2 && edits[0].offset === edits[1].offset
              ? [{ ...edits[0], newText: edits[0].newText + edits[1].newText }]
              : edits;
          fixes.push({
            title: `Add ${!cpuNode ? `cpu "${fixCpu}"` : ''}${!cpuNode && !memoryNode ? ' and ' : ''}${!memoryNode ? `memory "${fixMemory}"` : ''}`,
            edits: merged,
            isPreferred: true,
          });
        }
        context.report({
          at: cpuNode ? keyOf(cpuNode) : memoryNode ? keyOf(memoryNode) : anchor,
          message: `Fargate requires task-level ${missing}; this task definition ${fargateWhy(fargate)} and sets no ${missing}. Valid cpu values: ${CPU_VALUES} (CPU units), each with its own memory range.`,
          fixes,
        });
        continue;
      }
      if (cpu === undefined) {
        context.report({
          at: cpuNode,
          message: `Task-level \`cpu\` must be CPU units such as "256" or "1024", or vCPUs such as "1 vCPU"; this value cannot be read. Fargate accepts ${CPU_VALUES}.`,
        });
        continue;
      }
      if (memory === undefined) {
        context.report({
          at: memoryNode,
          message: 'Task-level `memory` must be MiB such as "2048", or GB such as "2 GB"; this value cannot be read.',
        });
        continue;
      }
      const option = fargateCpuOption(cpu);
      if (!option) {
        const nearest = FARGATE_TASK_SIZES.reduce((best, candidate) =>
          Math.abs(candidate.cpu - cpu) < Math.abs(best.cpu - cpu) ? candidate : best,
        );
        const forMemory = fargateCpusForMemory(memory);
        const target =
          forMemory.length > 0
            ? forMemory.reduce((best, candidate) => (Math.abs(candidate - cpu) < Math.abs(best - cpu) ? candidate : best))
            : nearest.cpu;
        context.report({
          at: cpuNode,
          message: `Fargate has no task size with ${formatCpu(cpu)}. Valid cpu values: ${CPU_VALUES}.`,
          fixes: [replaceSize(cpuNode, target, asString(cpuNode), `Set cpu to ${target}`)],
        });
        continue;
      }
      if (option.memory.includes(memory)) continue;
      const nearestMemory = option.memory.reduce((best, candidate) =>
        Math.abs(candidate - memory) < Math.abs(best - memory) ? candidate : best,
      );
      const fixes: Fix[] = [replaceSize(memoryNode, nearestMemory, asString(memoryNode), `Set memory to ${nearestMemory} MiB`)];
      const cpusForMemory = fargateCpusForMemory(memory);
      if (cpusForMemory.length > 0) {
        fixes.push({
          ...replaceSize(cpuNode, cpusForMemory[0], asString(cpuNode), `Set cpu to ${cpusForMemory[0]} instead`),
          isPreferred: false,
        });
      }
      context.report({
        at: memoryNode,
        message: `On Fargate, ${formatCpu(cpu)} allows ${option.range}${option.note ? ` (${option.note})` : ''}; ${memory} MiB is not one of them.${cpusForMemory.length > 0 ? ` ${memory} MiB fits cpu ${cpusForMemory.join(' or ')}.` : ''}`,
        fixes,
      });
    }
  },
};

function sizeValue(node: Node): string | number | undefined {
  // stringValue() resolves CloudFormation intrinsics (a Ref to a parameter's Default) where it can.
  return node.type === 'string' || node.type === 'number' ? (node.value as string | number) : stringValue(node);
}

function replaceSize(node: Node, value: number, asString: boolean, title: string): Fix {
  return {
    title,
    edits: [{ offset: node.offset, length: node.length, newText: asString ? JSON.stringify(String(value)) : String(value) }],
    isPreferred: true,
  };
}
