// The handler stage: tsdns's request handler without sockets, pinned like the servers, on the same zone and mixes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../support/servers.js';
import { SERVER_CORE, writeConf } from './bench-servers.js';
import type { HandlerFigure } from './handler-bench.js';
import type { LoadSetup } from './load-stage.js';
import { LOAD_ZONE } from './zone-gen.js';

export const HANDLER_BIN = path.join(REPO, 'dist/test/bench/handler-bench.js');

/** Runs handler-bench.js on core 0 over the UDP workloads' query files and returns its figures. */
export async function runHandlerStage(tmp: string, setup: LoadSetup, seconds: number): Promise<{ figures: HandlerFigure[]; command: string }> {
  const dir = fs.mkdtempSync(path.join(tmp, 'handler-'));
  // The port is never bound: the handler bench only reads the zones and the server options.
  const conf = writeConf(dir, 53, [{ name: LOAD_ZONE, file: setup.zoneFile }]);
  const specs = setup.workloads.filter((w) => w.mode === 'udp').map((w) => `${w.id}=${w.dataFile}`);
  const args = ['-c', SERVER_CORE, process.execPath, HANDLER_BIN, conf, String(seconds), ...specs];
  const stdout = await new Promise<string>((resolve, reject) => {
    // Bounded: three scenarios per file of `seconds` each, plus loading and a generous margin.
    execFile('taskset', args, { cwd: REPO, timeout: (specs.length * 3 * seconds + 120) * 1000 }, (err, out, errOut) => {
      if (err) reject(new Error(`handler bench failed: ${err.message}\n${errOut}`));
      else resolve(out);
    });
  });
  const figures = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as HandlerFigure);
  return { figures, command: `taskset -c ${SERVER_CORE} node dist/test/bench/handler-bench.js nsd.conf ${seconds} ${setup.workloads.filter((w) => w.mode === 'udp').map((w) => `${w.id}=${path.basename(w.dataFile)}`).join(' ')}` };
}
