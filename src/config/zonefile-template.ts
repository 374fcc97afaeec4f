// zonefile: and zonestats: templates: %s %1 %2 %3 %z %y %x, computed exactly as NSD's config_make_zonefile.

/** The character at i of the zone name as written, or "." past its end (nsd.conf(5)). */
function charAt(name: string, i: number): string {
  return i < name.length ? (name[i] as string) : '.';
}

/** The label `fromTop` places from the right (1: the top-level label), or "." when there is none. */
function endLabel(labels: readonly string[], fromTop: number): string {
  return fromTop <= labels.length ? (labels[labels.length - fromTop] as string) : '.';
}

/**
 * Substitute a zonefile (or zonestats) template for a zone. `name` is the zone name as written in
 * the config (so "example.com." keeps its dot in %s and %3 of "ab." is the dot), `labels` its labels
 * lower-cased (NSD takes %z %y %x from its parsed name, which is lower case: "Example.COM" gives %z "com").
 * NSD replaces in this order, each over the result of the previous: %1 %2 %3 %z %y %x %s.
 */
export function expandZoneTemplate(template: string, name: string, labels: readonly string[]): string {
  if (!template.includes('%')) return template;
  const steps: [string, string][] = [
    ['%1', charAt(name, 0)],
    ['%2', charAt(name, 1)],
    ['%3', charAt(name, 2)],
    ['%z', endLabel(labels, 1)],
    ['%y', endLabel(labels, 2)],
    ['%x', endLabel(labels, 3)],
    ['%s', name],
  ];
  let out = template;
  for (const [from, to] of steps) out = out.split(from).join(to);
  return out;
}

/** A file name relative to zonesdir (NSD chdir()s to zonesdir; "" means the working directory). */
export function underZonesdir(zonesdir: string, file: string): string {
  if (file === '' || file.startsWith('/') || zonesdir === '') return file;
  return `${zonesdir.replace(/\/+$/, '')}/${file}`;
}
