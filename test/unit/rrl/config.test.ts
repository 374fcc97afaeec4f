// rrl with nsd.conf: the server's rrl-* options and a zone's rrl-whitelist plug straight into the limiter.
import t from 'tap';
import { loadConfigText, type ConfigSource } from '../../../src/config/index.js';
import { ResponseRateLimiter, RRL_CLASS, whitelistMask, type RrlOptions } from '../../../src/rrl/index.js';

const none: ConfigSource = { read: () => { throw new Error('no files'); }, glob: () => [] };

const CONF = `server:
  rrl-size: 4096
  rrl-ratelimit: 10
  rrl-slip: 3
  rrl-ipv4-prefix-length: 32
  rrl-ipv6-prefix-length: 48
  rrl-whitelist-ratelimit: 50
zone:
  name: example.com
  zonefile: example.com.zone
  rrl-whitelist: nxdomain
  rrl-whitelist: dnskey
`;

t.test('config values are the options', async (t) => {
  const { config } = loadConfigText('nsd.conf', CONF, none);
  const opts: RrlOptions = config.server.rrl;
  t.same(opts, { size: 4096, ratelimit: 10, slip: 3, ipv4PrefixLength: 32, ipv6PrefixLength: 48, whitelistRatelimit: 50 });
  const mask = whitelistMask(config.zones[0].rrlWhitelist);
  t.equal(mask, RRL_CLASS.nxdomain | RRL_CLASS.dnskey);
  const rrl = new ResponseRateLimiter(opts);
  let sent = 0;
  for (let i = 0; i < 60; i++) if (rrl.check('192.0.2.1', RRL_CLASS.nxdomain, 'apex', 1000, mask) === 'send') sent++;
  t.equal(sent, 60, 'whitelisted nxdomain: 60 < 2 x 50');
  sent = 0;
  for (let i = 0; i < 60; i++) if (rrl.check('192.0.2.2', RRL_CLASS.nxdomain, 'apex', 1000, 0) === 'send') sent++;
  t.equal(sent, 19, 'not whitelisted: 2 x 10 - 1 in the first second');
});

t.test('the defaults are NSD\'s', async (t) => {
  const { config } = loadConfigText('nsd.conf', 'server:\n', none);
  t.same(config.server.rrl, { size: 1000000, ratelimit: 200, slip: 2, ipv4PrefixLength: 24, ipv6PrefixLength: 64, whitelistRatelimit: 2000 });
});
