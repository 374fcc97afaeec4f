// The query-load stage: NSD, tsdns and the floor on the 10,000-name zone, the rounds, memory after the load.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/net.js';
import { floorArgv, type Launched, launchReady, nsdArgv, tsdnsArgv, writeConf } from './bench-servers.js';
import { dnsperfArgv } from './dnsperf.js';
import { collectAnswers, distinctQuestions, writeAnswers } from './floor-answers.js';
import { type Contender, runRounds, type Sample, type Workload } from './load-bench.js';
import type { BenchOptions } from './options.js';
import { memory, type Memory, pssKb } from './procfs.js';
import { LOAD_ZONE, type LoadZoneShape, writeAMix, writeLoadZone, writeQueryMix } from './zone-gen.js';

export interface LoadSetup {
  readonly zoneFile: string;
  readonly shape: LoadZoneShape;
  readonly workloads: readonly Workload[];
}

export interface LoadStageResult {
  readonly samples: readonly Sample[];
  /** Memory per server after all rounds. */
  readonly memory: ReadonlyMap<string, Memory & { pssKb: number }>;
  /** The command lines as run (ports as in this run). */
  readonly commands: readonly string[];
}

/** Writes the zone and the dnsperf inputs. */
export function prepareLoad(tmp: string, o: BenchOptions): LoadSetup {
  const zoneFile = path.join(tmp, `${LOAD_ZONE}.zone`);
  const shape = writeLoadZone(zoneFile, o.loadNames);
  const mix = path.join(tmp, 'mix.txt');
  const aOnly = path.join(tmp, 'a-only.txt');
  writeQueryMix(mix, shape, o.mixLines);
  writeAMix(aOnly, shape, o.mixLines);
  const workloads: Workload[] = [
    { id: 'udp-mix', label: 'UDP, realistic mix', mode: 'udp', dataFile: mix },
    { id: 'udp-a', label: 'UDP, A for existing names', mode: 'udp', dataFile: aOnly },
    { id: 'tcp-mix', label: 'TCP pipelined, realistic mix', mode: 'tcp', dataFile: mix },
  ];
  return { zoneFile, shape, workloads };
}

/** Starts the three servers, builds the floor's answers out of NSD, runs the rounds, stops everything. */
export async function runLoadStage(tmp: string, o: BenchOptions, setup: LoadSetup, log: (s: string) => void): Promise<LoadStageResult> {
  const started: Launched[] = [];
  try {
    const nsd = await startOn(tmp, 'NSD', setup, (conf, port) => nsdArgv(conf, port));
    started.push(nsd);
    const tsdns = await startOn(tmp, 'tsdns', setup, (conf, port) => tsdnsArgv(conf, port));
    started.push(tsdns);
    const floor = await startFloor(tmp, nsd.port, setup, false);
    started.push(floor);
    const floorSync = await startFloor(tmp, nsd.port, setup, true);
    started.push(floorSync);
    log(`servers up: ${started.map((s) => `${s.name} pid ${s.pid} port ${s.port}`).join(', ')}`);
    const all = new Set(setup.workloads.map((w) => w.id));
    const udp = new Set(setup.workloads.filter((w) => w.mode === 'udp').map((w) => w.id));
    const contenders: Contender[] = [
      { name: 'NSD', server: nsd, workloads: all },
      { name: 'tsdns', server: tsdns, workloads: all },
      { name: 'floor', server: floor, workloads: udp },
      // The same floor with dgram's `lookup` option answering synchronously: an I/O path below the floor?
      { name: 'floor-sync', server: floorSync, workloads: udp },
    ];
    const samples = await runRounds(contenders, setup.workloads, o.rounds, o.seconds, tmp, log, o.quietWaitS);
    const mem = new Map(contenders.map((c) => [c.name, { ...memory(c.server.pid), pssKb: pssKb(c.server.pid) }]));
    const commands = [
      `taskset -c 0 ${nsdArgv('nsd.conf', nsd.port).join(' ')}`,
      `taskset -c 0 ${tsdnsArgv('nsd.conf', tsdns.port).join(' ')}`,
      `taskset -c 0 ${floorArgv('floor-answers.bin', floor.port).join(' ')}`,
      `taskset -c 0 ${floorArgv('floor-answers.bin', floorSync.port, true).join(' ')}`,
      ...setup.workloads.map((w) => dnsperfArgv({ port: 0, dataFile: path.basename(w.dataFile), seconds: o.seconds, mode: w.mode, verboseFile: '' }).join(' ').replace('-p 0', '-p <port>')),
    ];
    return { samples, memory: mem, commands };
  } finally {
    for (const s of started) await s.stop();
  }
}

async function startOn(tmp: string, name: string, setup: LoadSetup, argv: (conf: string, port: number) => string[]): Promise<Launched> {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  const port = await freePort();
  const conf = writeConf(dir, port, [{ name: LOAD_ZONE, file: setup.zoneFile }]);
  return launchReady(name, port, argv(conf, port), LOAD_ZONE);
}

/** The floor answers exactly what NSD answers, so both send the same bytes for the same questions. */
async function startFloor(tmp: string, nsdPort: number, setup: LoadSetup, syncLookup: boolean): Promise<Launched> {
  const file = path.join(tmp, 'floor-answers.bin');
  if (!fs.existsSync(file)) {
    const questions = [...distinctQuestions(setup.workloads.map((w) => w.dataFile)), `${LOAD_ZONE} SOA`];
    writeAnswers(file, await collectAnswers(nsdPort, questions));
  }
  const port = await freePort();
  return launchReady(syncLookup ? 'floor-sync' : 'floor', port, floorArgv(file, port, syncLookup), LOAD_ZONE);
}
