// Transfers from a knot primary to a tsdns secondary with TSIG hmac-sha256: AXFR, NOTIFY + IXFR, wrong key, outages, expire.
import t from 'tap';
import { peerInstalled } from '../support/xfr-peers.js';
import { transferScenario } from '../support/xfr-scenario.js';

t.setTimeout(180000);
if (!peerInstalled('knot')) t.plan(0, 'knot is not installed (test/install-tools.sh installs it)');
else await transferScenario(t, 'knot', 'tsdns');
