// The Debian tools the tests talk to: a missing one fails the test that needs it, naming the package (never a skip).
import type { Test } from 'tap';

/**
 * True when the tool is there (`found` truthy). Otherwise fails `t` with the Debian package to install
 * and returns false, so the caller stops: a missing tool is a broken install, and a skipped test would
 * hide it (test/install-tools.sh installs every tool the tests need).
 */
export function requireTool(t: Test, found: unknown, tool: string, debianPackage: string): boolean {
  if (found) return true;
  t.fail(`${tool} is missing: install the Debian package ${debianPackage} (test/install-tools.sh installs every tool the tests need)`);
  return false;
}
