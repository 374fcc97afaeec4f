// Memory at rest: tsdns on the bundled zones/nsd.conf (what `npm start` serves), NSD on the same zones.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/net.js';
import { REPO } from '../support/servers.js';
import { launchReady, nsdArgv, tsdnsArgv, writeConf } from './bench-servers.js';
import { memory, pssKb } from './procfs.js';

export interface RestFigures {
  readonly server: string;
  readonly rssKb: number;
  readonly pssKb: number;
  readonly hwmKb: number;
  readonly command: string;
}

const BUNDLED = [
  { name: 'example.com', file: path.join(REPO, 'zones/example.com.zone') },
  { name: '8.b.d.0.1.0.0.2.ip6.arpa', file: path.join(REPO, 'zones/8.b.d.0.1.0.0.2.ip6.arpa.zone') },
];

async function atRest(server: string, argv: string[], port: number, settleMs: number): Promise<RestFigures> {
  const s = await launchReady(server, port, argv, 'example.com');
  try {
    // A few seconds for start-up garbage to be collected and the heap to settle.
    await new Promise((r) => setTimeout(r, settleMs));
    const m = memory(s.pid);
    return { server, rssKb: m.rssKb, pssKb: pssKb(s.pid), hwmKb: m.hwmKb, command: argv.join(' ') };
  } finally {
    await s.stop();
  }
}

export async function runRestStage(tmp: string, settleMs: number): Promise<RestFigures[]> {
  const tport = await freePort();
  // Exactly npm start's command, with a free port instead of 5300 (which a developer may be using).
  const tsdns = await atRest('tsdns', tsdnsArgv('zones/nsd.conf', tport), tport, settleMs);
  const dir = fs.mkdtempSync(path.join(tmp, 'nsd-rest-'));
  const nport = await freePort();
  const nsd = await atRest('NSD', nsdArgv(writeConf(dir, nport, BUNDLED), nport), nport, settleMs);
  return [tsdns, nsd];
}
