/** Facts about the machine and the build, recorded next to every result table. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  /** CPUs this process may use (os.availableParallelism), and logical CPUs seen. */
  cores: number;
  logicalCpus: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
  date: string;
  commit: string;
  /** 1-minute load average when the suite finished: other work on the machine skews results. */
  load: number;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    /* not Linux: fall back to what Node reports */
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}

function gitCommit(): string {
  try {
    const cwd = new URL('..', import.meta.url);
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    logicalCpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: gitCommit(),
    load: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores (${m.logicalCpus} logical CPUs), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node} (V8 ${m.v8}); geovec ${m.commit} + working tree; load average ${m.load}; ${m.date}`;
}
