// The profile stage: tsdns and the floor under the UDP mix with `node --cpu-prof`, summarised per function.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/net.js';
import { FLOOR_BIN, launchReady, tsdnsArgv, writeConf } from './bench-servers.js';
import { runDnsperf, type PerfResult } from './dnsperf.js';
import type { LoadSetup } from './load-stage.js';
import { readProfile, type ProfileSummary, type Window } from './profile.js';
import { LOAD_ZONE } from './zone-gen.js';

export interface Profiled {
  readonly server: string;
  readonly perf: PerfResult;
  readonly summary: ProfileSummary;
  readonly file: string;
  readonly command: string;
}

/**
 * Runs `argv` (a node command whose flags include --cpu-prof) under `seconds` of the UDP mix and reads the
 * profile it writes when it exits on SIGTERM. Kept apart from the measured rounds: the profiler costs CPU.
 */
async function profileOne(server: string, argv: (port: number, profDir: string) => string[], tmp: string, setup: LoadSetup, seconds: number): Promise<Profiled> {
  const profDir = fs.mkdtempSync(path.join(tmp, `${server}-prof-`));
  const port = await freePort();
  const cmd = argv(port, profDir);
  const s = await launchReady(server, port, cmd, LOAD_ZONE);
  let perf: PerfResult;
  let window: Window;
  try {
    const mix = setup.workloads.find((w) => w.id === 'udp-mix');
    if (mix === undefined) throw new Error('no udp-mix workload');
    // The summary counts only the samples taken while dnsperf ran (the profiler's clock is process.hrtime's).
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    perf = await runDnsperf({ port, dataFile: mix.dataFile, seconds, mode: 'udp', verboseFile: path.join(tmp, 'dnsperf-prof.txt') });
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await s.stop();
  }
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`${server} wrote no .cpuprofile into ${profDir}; output:\n${s.output()}`);
  const full = path.join(profDir, file);
  return { server, perf, summary: readProfile(full, window), file: full, command: `taskset -c 0 ${cmd.join(' ').replace(profDir, '<dir>')}` };
}

/** Profiles tsdns, and the floor when its answers exist; `quiet` runs before each (the wait for a calm machine). */
export async function runProfileStage(tmp: string, setup: LoadSetup, floorAnswers: string | null, seconds: number, quiet: () => Promise<unknown>): Promise<Profiled[]> {
  const out: Profiled[] = [];
  const tsdnsConfDir = fs.mkdtempSync(path.join(tmp, 'tsdns-prof-conf-'));
  await quiet();
  out.push(
    await profileOne('tsdns', (port, dir) => tsdnsArgv(writeConf(tsdnsConfDir, port, [{ name: LOAD_ZONE, file: setup.zoneFile }]), port, ['--cpu-prof', `--cpu-prof-dir=${dir}`]), tmp, setup, seconds),
  );
  if (floorAnswers !== null) {
    await quiet();
    out.push(await profileOne('floor', (port, dir) => [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, FLOOR_BIN, floorAnswers, String(port)], tmp, setup, seconds));
  }
  return out;
}
