// The Fargate task-size table (cpu units -> valid memory in MiB), the one place it lives, and the
// parsers for the forms register-task-definition accepts ("1024", "1 vCPU", "2 GB", 2048).
// Source: "Task size" in the ECS Developer Guide's task definition parameters page.

export const FARGATE_TASK_SIZE_URL =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size';

export interface FargateCpuOption {
  cpu: number;
  /** Valid memory values in MiB, ascending. */
  memory: number[];
  /** How the memory range reads in messages. */
  range: string;
  note?: string;
}

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

export const FARGATE_TASK_SIZES: readonly FargateCpuOption[] = [
  { cpu: 256, memory: [512, 1024, 2048], range: '512, 1024 or 2048 MiB' },
  { cpu: 512, memory: steps(1024, 4096, 1024), range: '1024–4096 MiB in steps of 1024' },
  { cpu: 1024, memory: steps(2048, 8192, 1024), range: '2048–8192 MiB in steps of 1024' },
  { cpu: 2048, memory: steps(4096, 16384, 1024), range: '4096–16384 MiB in steps of 1024' },
  { cpu: 4096, memory: steps(8192, 30720, 1024), range: '8192–30720 MiB in steps of 1024' },
  {
    cpu: 8192,
    memory: steps(16384, 61440, 4096),
    range: '16384–61440 MiB in steps of 4096',
    note: 'Linux, platform version 1.4.0 or later',
  },
  {
    cpu: 16384,
    memory: steps(32768, 122880, 8192),
    range: '32768–122880 MiB in steps of 8192',
    note: 'Linux, platform version 1.4.0 or later',
  },
];

export function fargateCpuOption(cpu: number): FargateCpuOption | undefined {
  return FARGATE_TASK_SIZES.find((option) => option.cpu === cpu);
}

/** The cpu values a memory size works with on Fargate. */
export function fargateCpusForMemory(memory: number): number[] {
  return FARGATE_TASK_SIZES.filter((option) => option.memory.includes(memory)).map((option) => option.cpu);
}

/** CPU units from 1024, "1024", "1 vCPU", "0.25 vcpu". Undefined when unreadable. */
export function parseCpuUnits(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(vcpus?)?\s*$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const units = match[2] ? amount * 1024 : amount;
  return Number.isInteger(units) ? units : undefined;
}

/** MiB from 2048, "2048", "2 GB", "2GB", "0.5 GB". Undefined when unreadable. */
export function parseMemoryMiB(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(gb|gib|mb|mib)?\s*$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const mib = unit === 'gb' || unit === 'gib' ? amount * 1024 : amount;
  return Number.isInteger(mib) ? mib : undefined;
}

export function formatCpu(units: number): string {
  const vcpu = units / 1024;
  return `${units} CPU units = ${Number.isInteger(vcpu) ? vcpu : vcpu.toFixed(3).replace(/0+$/, '')} vCPU`;
}

export function formatMemory(mib: number): string {
  const gib = mib / 1024;
  return `${mib} MiB = ${Number.isInteger(gib) ? gib : gib.toFixed(2).replace(/0+$/, '')} GiB`;
}
