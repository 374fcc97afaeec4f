// Transfers from a tsdns primary to a bind secondary with TSIG hmac-sha256: AXFR, NOTIFY + IXFR, wrong key, outages, expire.
import t from 'tap';
import { peerInstalled } from '../support/xfr-peers.js';
import { transferScenario } from '../support/xfr-scenario.js';
import { requireTool } from '../support/tools.js';

t.setTimeout(180000);
if (requireTool(t, peerInstalled('bind'), 'named', 'bind9')) await transferScenario(t, 'tsdns', 'bind');
