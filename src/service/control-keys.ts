// The TSIG verbs (print_tsig is in control-api.ts): in-memory key changes, as NSD keeps them until restart or reconfig.
import type { Outcome } from '../control/index.js';
import { algorithmFromText } from '../tsig/index.js';
import { ZoneVerbs } from './control-zones.js';
import { zoneKey } from './ops-context.js';


/** Base64 as NSD's b64_pton takes it: the alphabet, padding at the end only, a whole number of quads. */
function isBase64(s: string): boolean {
  return s.length > 0 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s);
}

export class KeyVerbs extends ZoneVerbs {
  updateKey(name: string, secret: string): Outcome {
    const k = this.ctx.findKey(name);
    if (k === undefined) return { ok: false, error: `: no such key with name: ${name}` };
    if (!isBase64(secret)) return { ok: false, error: `: the secret: ${secret} is not in b64 format` };
    this.ctx.setKey({ ...k, secret });
    this.ctx.log.info({ key: name }, 'TSIG key secret changed');
    this.ctx.apply();
    return { ok: true };
  }

  addKey(name: string, secret: string, algorithm: string): Outcome {
    if (this.ctx.findKey(name) !== undefined) return { ok: false, error: `: key ${name} already exists` };
    if (!isBase64(secret)) return { ok: false, error: `: the secret: ${secret} is not in b64 format` };
    if (zoneKey(name) === null) return { ok: false, error: `: could not parse key name: ${name}` };
    const alg = algorithmFromText(algorithm);
    if (alg === undefined) return { ok: false, error: `: unknown algorithm: ${algorithm}` };
    this.ctx.setKey({ name, secret, algorithm: alg.id, file: '(nsd-control)', line: 0 });
    this.ctx.log.info({ key: name, algorithm: alg.id }, 'TSIG key added');
    this.ctx.apply();
    return { ok: true };
  }

  assocKey(zone: string, key: string): Outcome {
    const z = this.ctx.zone(zone);
    if (z === undefined) return { ok: false, error: `zone ${zone} not configured` };
    if (this.ctx.findKey(key) === undefined) return { ok: false, error: `: key: ${key} does not exist` };
    this.ctx.assocKey(z, this.ctx.findKey(key)?.name ?? key);
    this.ctx.log.info({ zone: z.name, key }, 'zone ACLs now use the TSIG key');
    this.ctx.apply();
    return { ok: true };
  }

  delKey(name: string): Outcome {
    if (this.ctx.findKey(name) === undefined) return { ok: true, lines: [`key ${name} does not exist, nothing to be deleted`], noOk: true };
    const lower = name.toLowerCase();
    const user = this.ctx.effective().zones.find((z) =>
      [z.allowNotify, z.notify, z.requestXfr, z.provideXfr, z.allowQuery].some((l) => l.some((a) => a.key.type === 'key' && a.key.name.toLowerCase() === lower)));
    if (user !== undefined) return { ok: false, lines: [`zone ${user.name} uses key ${name}`], error: `: key: ${name} is in use and cannot be deleted` };
    this.ctx.deleteKey(name);
    this.ctx.log.info({ key: name }, 'TSIG key deleted');
    this.ctx.apply();
    return { ok: true };
  }
}
