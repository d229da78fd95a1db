/** Facts about the machine and the run, recorded with every result. */
import { execFileSync } from 'node:child_process';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly memory_gb: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  /** 1-minute load average when the run started (other work on a shared machine skews timings). */
  readonly load_average: number;
  readonly commit: string | null;
  readonly date: string;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineFacts(): MachineFacts {
  const cpu = cpus()[0];
  return {
    cpu: cpu ? cpu.model.trim() : 'unknown',
    cores: availableParallelism(),
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    load_average: Math.round(loadavg()[0]! * 100) / 100,
    commit: gitCommit(),
    date: new Date().toISOString(),
  };
}
