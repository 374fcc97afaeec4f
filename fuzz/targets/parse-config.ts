// Fuzz target: any nsd.conf text (and an included file) gives a config or a ConfigError, never another throw.
import { ConfigError, globComponentToRegExp, hasGlobMagic, loadConfigText, printConfig, type ConfigSource } from '../../src/config/index.js';
import { latin1, type FuzzTarget } from '../engine/target.js';

/** The input is the main file, optionally followed by NUL and the text of inc.conf (and keys/*.conf). */
class FuzzSource implements ConfigSource {
  constructor(private readonly files: Readonly<Record<string, string>>) {}
  read(path: string): string {
    const text = this.files[path];
    if (text === undefined) throw new Error('No such file or directory');
    return text;
  }
  glob(pattern: string): string[] {
    const parts = pattern.split('/');
    return Object.keys(this.files)
      .filter((f) => {
        const fp = f.split('/');
        return fp.length === parts.length && parts.every((p, i) => (hasGlobMagic(p) ? globComponentToRegExp(p).test(fp[i]) : p === fp[i]));
      })
      .sort();
  }
}

export const target: FuzzTarget = {
  name: 'parse-config',
  covers: 'config/loadConfigText: lexer, include: with globs, every clause and option kind, patterns, checks; printConfig of what loads',
  maxLength: 8192,
  dictionary: [
    'server:', 'zone:', 'pattern:', 'key:', 'remote-control:', 'tls-auth:', 'dnstap:', 'verify:', '\n  name: ', ' zonefile: ',
    'include: "inc.conf"', 'include: keys/*.conf', 'include-pattern: ', 'request-xfr: ', 'provide-xfr: ', 'allow-notify: ',
    'notify: ', 'allow-query: ', 'secret: "YWJjZA=="', 'algorithm: hmac-sha256', 'rrl-ratelimit: ', 'rrl-whitelist: nxdomain',
    'rrl-size: ', 'ip-address: ', 'port: ', 'zonesdir: ', 'size-limit-xfr: ', 'min-expire-time: refresh+retry+1', 'servers="1 3-4"',
    'NOKEY', 'BLOCKED', 'AXFR', 'UDP', '127.0.0.1', '::1', '10.0.0.0/8', '192.0.2.1-192.0.2.9', '2001:db8::/32', '@53', '&255.255.0.0',
    'yes', 'no', '"', '#', '\n', ' ', '%s', '%1', '%z', 'hmac-md5', '4294967296', '-1',
  ],
  run(input: Uint8Array): void {
    const text = latin1(input);
    const nul = text.indexOf('\0');
    const main = nul < 0 ? text : text.slice(0, nul);
    const inc = nul < 0 ? 'server:\n  port: 5353\n' : text.slice(nul + 1);
    const source = new FuzzSource({ 'inc.conf': inc, 'keys/a.conf': 'key:\n  name: a\n  algorithm: hmac-sha256\n  secret: "YWJjZA=="\n' });
    try {
      const loaded = loadConfigText('nsd.conf', main, source);
      printConfig(loaded.config);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
    }
  },
};
