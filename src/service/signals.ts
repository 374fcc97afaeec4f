// Signals as NSD handles them: SIGTERM/SIGINT stop (exit 0), SIGHUP re-reads changed zone files.
import type { RunningDaemon } from './daemon.js';

/** Wires the process signals to a running daemon; `exit` is process.exit unless a test supplies one. */
export function installSignals(d: RunningDaemon, exit: (code: number) => void = (c) => process.exit(c)): void {
  const stop = (signal: string): void => {
    d.log.info({ signal }, 'signal received');
    d.stop().then(
      () => exit(0),
      (e: unknown) => {
        d.log.error({ err: e }, 'error while stopping');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    try {
      d.reload();
    } catch (e) {
      d.log.error({ err: e }, 'reload failed');
    }
  });
}
