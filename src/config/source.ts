// The injected I/O of the config loader: reading a file and expanding an include glob.

/**
 * Where config text comes from. Paths are used as written in the config, as NSD does (a relative
 * include is relative to the working directory, not to the including file). Implemented with
 * node:fs in src/service/config-source.ts and with an in-memory map in tests.
 */
export interface ConfigSource {
  /** The whole text of the file; throws (any Error, its message is reported) if it cannot be read. */
  read(path: string): string;
  /**
   * The paths matching a glob pattern (`*`, `?`, `[...]` in any path component), sorted;
   * an empty list when nothing matches (NSD: "If no files match the pattern, this is not an error").
   */
  glob(pattern: string): string[];
}
