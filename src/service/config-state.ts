// The config the daemon runs with: nsd.conf plus the zones of the zonelist file, rebuilt by addzone, delzone and reconfig.
import { ConfigError, loadConfigText, parseDnsName, type Config, type ConfigProblem, type LoadedConfig } from '../config/index.js';
import { FileConfigSource } from './config-source.js';
import { readZoneList, writeZoneList, type ZoneListEntry } from './zone-list.js';

/** Zone names a zonelist may hold: parseable, and writable as one quoted config word and one list word. */
function listable(name: string): string | null {
  if (/[\s"'#;\\]/.test(name)) return 'cannot parse zone name';
  const dn = parseDnsName(name);
  return typeof dn === 'string' ? 'cannot parse zone name' : null;
}

const keyOf = (name: string): string => {
  const dn = parseDnsName(name);
  return typeof dn === 'string' ? name.toLowerCase() : dn.key;
};

/**
 * nsd.conf as last read plus the zonelist. The zonelist zones are built by the config module itself:
 * their clauses (name and include-pattern) are appended to the config text, so a listed zone gets
 * exactly the settings a zone: clause with that pattern would get.
 */
export class ConfigState {
  private text: string;
  private list: ZoneListEntry[];
  private loaded: LoadedConfig;

  private constructor(readonly file: string, text: string, list: ZoneListEntry[], loaded: LoadedConfig) {
    this.text = text;
    this.list = list;
    this.loaded = loaded;
  }

  /** Reads nsd.conf and its zonelist. Throws ConfigError with every problem. Listed zones also in nsd.conf are skipped. */
  static load(file: string): { state: ConfigState; skipped: ZoneListEntry[] } {
    const source = new FileConfigSource();
    const text = readText(file);
    const base = loadConfigText(file, text, source);
    const inConf = new Set(base.config.zones.map((z) => z.key));
    const all = readZoneList(base.config.server.zonelistfile);
    const list = all.filter((e) => !inConf.has(keyOf(e.name)));
    const skipped = all.filter((e) => inConf.has(keyOf(e.name)));
    return { state: new ConfigState(file, text, list, build(file, text, list)), skipped };
  }

  get config(): Config {
    return this.loaded.config;
  }

  get warnings(): LoadedConfig['warnings'] {
    return this.loaded.warnings;
  }

  /** The zones added with addzone (name and pattern), in list order. */
  get zoneList(): readonly ZoneListEntry[] {
    return this.list;
  }

  /** The pattern of a listed zone, or null for a zone of nsd.conf (or none). */
  patternOf(key: string): string | null {
    return this.list.find((e) => keyOf(e.name) === key)?.pattern ?? null;
  }

  /**
   * Re-reads nsd.conf (reconfig) without applying it: `commit` does. Throws ConfigError with every
   * problem when it is refused, and then nothing changes.
   */
  reread(): { loaded: LoadedConfig; commit: () => void } {
    const text = readText(this.file);
    const base = loadConfigText(this.file, text, new FileConfigSource());
    const inConf = new Set(base.config.zones.map((z) => z.key));
    const list = this.list.filter((e) => !inConf.has(keyOf(e.name)));
    const loaded = build(this.file, text, list);
    return {
      loaded,
      commit: () => {
        this.text = text;
        this.list = list;
        this.loaded = loaded;
      },
    };
  }

  /**
   * addzone / delzone / changezone: the list with `name` set to `pattern` (null removes it), built
   * and written to the zonelist file. Returns an NSD-worded error, or the new config.
   */
  changeList(name: string, pattern: string | null): { ok: true; config: Config } | { ok: false; error: string } {
    if (pattern !== null && !this.config.patterns.some((p) => p.name === pattern)) return { ok: false, error: `pattern ${pattern} does not exist` };
    const bad = listable(name);
    if (bad !== null) return { ok: false, error: bad };
    const key = keyOf(name);
    const list = this.list.filter((e) => keyOf(e.name) !== key);
    if (pattern !== null) list.push({ name, pattern });
    let loaded: LoadedConfig;
    try {
      loaded = build(this.file, this.text, list);
    } catch (e) {
      return { ok: false, error: e instanceof ConfigError ? e.problems.map((p) => p.message).join('; ') : (e as Error).message };
    }
    try {
      writeZoneList(loaded.config.server.zonelistfile, list);
    } catch (e) {
      return { ok: false, error: `could not write the zonelist file: ${(e as Error).message}` };
    }
    this.list = list;
    this.loaded = loaded;
    return { ok: true, config: loaded.config };
  }

  /** Whether a zone (by origin key) is one of nsd.conf rather than of the zonelist. */
  inConfigFile(key: string): boolean {
    return this.config.zones.some((z) => z.key === key) && !this.list.some((e) => keyOf(e.name) === key);
  }
}

function readText(file: string): string {
  try {
    return new FileConfigSource().read(file);
  } catch (e) {
    throw new ConfigError([{ file, line: 0, message: `cannot read the config file: ${(e as Error).message}` } satisfies ConfigProblem]);
  }
}

/** The config with the listed zones appended as zone: clauses. */
function build(file: string, text: string, list: readonly ZoneListEntry[]): LoadedConfig {
  const extra = list.map((e) => `\nzone:\n\tname: "${e.name}"\n\tinclude-pattern: "${e.pattern}"\n`).join('');
  return loadConfigText(file, text + extra, new FileConfigSource());
}

export { keyOf as zoneKeyOf };
