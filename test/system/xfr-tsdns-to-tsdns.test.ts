// Transfers between two tsdns daemons with TSIG hmac-sha256: AXFR, NOTIFY + IXFR, wrong key, outages, expire.
import t from 'tap';
import { transferScenario } from '../support/xfr-scenario.js';

t.setTimeout(180000);
await transferScenario(t, 'tsdns', 'tsdns');
