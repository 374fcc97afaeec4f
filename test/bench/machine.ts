// What the figures were measured on: the machine, the tool versions and the tsdns commit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { REPO } from '../support/servers.js';
import { dnsperfVersion } from './dnsperf.js';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memMb: number;
  readonly kernel: string;
  readonly node: string;
  readonly nsd: string;
  readonly dnsperf: string;
  readonly kdig: string;
  readonly commit: string;
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO }).trim();
  } catch (e) {
    // nsd -v prints its version on stderr and exits 0 or 1 depending on the build
    return String((e as { stderr?: string }).stderr ?? '').trim();
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

export function describeMachine(): Machine {
  const model = /^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const nsdOut = execFileSync('sh', ['-c', '/usr/sbin/nsd -v 2>&1 || true'], { encoding: 'utf8' });
  // Untracked files under src/ count too: a helper's module not yet committed is part of what was measured.
  const dirty = run('git', ['status', '--porcelain', '--', 'src']) !== '' ? ' plus uncommitted changes under src/' : '';
  return {
    cpus: Number(run('nproc', [])) || os.cpus().length,
    cpuModel: model,
    memMb: Math.round(os.totalmem() / 1048576),
    kernel: os.release(),
    node: process.version,
    nsd: /version (\S+)/i.exec(nsdOut)?.[1] ?? firstLine(nsdOut),
    dnsperf: dnsperfVersion(),
    kdig: /version (\S+)/.exec(run('kdig', ['-V']))?.[1] ?? 'unknown',
    commit: `${run('git', ['rev-parse', '--short', 'HEAD'])}${dirty}`,
  };
}
