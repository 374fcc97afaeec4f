// Pure glob matching for include: patterns (`*`, `?`, `[...]` per path component, as glob(7)).

/** True when the path has a glob metacharacter; NSD only globs such include paths. */
export function hasGlobMagic(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Escape one character for use in a RegExp. */
function reChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Translate a `[...]` bracket expression starting at `i`; returns [regexp text, next index] or null if unclosed. */
function bracket(p: string, i: number): [string, number] | null {
  let j = i + 1;
  let negate = false;
  if (p[j] === '!' || p[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < p.length && (p[j] !== ']' || first)) {
    const c = p[j] as string;
    if (c === '-' && !first && j + 1 < p.length && p[j + 1] !== ']') {
      body += '-';
    } else {
      body += c === '\\' || c === ']' || c === '^' || c === '[' ? `\\${c}` : c;
    }
    first = false;
    j++;
  }
  if (j >= p.length) return null;
  return [negate ? `[^/${body}]` : `[${body}]`, j + 1];
}

/** What a component that is no valid pattern matches. */
const MATCHES_NOTHING = /(?!)/;

/**
 * A RegExp matching one path component against a glob component. Like glob(3) without
 * GLOB_PERIOD, a leading `.` must be matched explicitly (so `*.conf` skips dotfiles).
 */
export function globComponentToRegExp(component: string): RegExp {
  let re = '';
  for (let i = 0; i < component.length; ) {
    const c = component[i] as string;
    if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const b = bracket(component, i);
      if (b === null) {
        re += '\\[';
        i++;
      } else {
        re += b[0];
        i = b[1];
      }
    } else if (c === '\\' && i + 1 < component.length) {
      re += reChar(component[i + 1] as string);
      i += 2;
    } else {
      re += reChar(c);
      i++;
    }
  }
  const dot = component.startsWith('.') ? '' : '(?!\\.)';
  try {
    return new RegExp(`^${dot}${re}$`);
  } catch {
    // A bracket range that runs backwards ([z-a]) is no valid RegExp; glob(3) matches nothing
    // with it, and NSD then includes nothing (found by fuzzing: the SyntaxError escaped loadConfig).
    return MATCHES_NOTHING;
  }
}
