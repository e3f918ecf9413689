/**
 * SIGINT / SIGTERM during a run (issue 10: hardening): the worker threads are
 * stopped, every file still in flight loses its outputs and temporary files (a
 * file has all its outputs from this run or none), a one-line summary is printed,
 * and the process exits 130 (SIGINT) or 143 (SIGTERM), as a shell expects.
 */
import { stopWorkers } from './batch.js';
import { inFlight, removeOutputs } from './outputs.js';

export interface RunProgress {
  total: number;
  written: number;
  failed: number;
  out: string;
  t0: number;
}

/** Install the handlers; returns a function that removes them. */
export function onStopSignal(progress: RunProgress, beforeSummary: () => void): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await stopWorkers().catch(() => {});
      // synchronous from here to exit: nothing else runs in between
      const abandoned = [...inFlight.values()];
      for (const f of abandoned) removeOutputs(f.out, f.outName);
      beforeSummary();
      for (const f of abandoned) process.stderr.write(`relecteur: ${f.shown}: interrupted by ${signal}; its outputs were removed\n`);
      const notStarted = progress.total - progress.written - progress.failed - abandoned.length;
      const secs = (performance.now() - progress.t0) / 1000;
      process.stdout.write(
        `relecteur: interrupted by ${signal}: ${progress.total} file(s), ${progress.written} written, ${progress.failed} failed, ${abandoned.length} stopped, ${notStarted} not started, in ${secs.toFixed(2)} s -> ${progress.out}\n`,
      );
      process.exit(signal === 'SIGINT' ? 130 : 143);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
