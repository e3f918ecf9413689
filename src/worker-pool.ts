/**
 * A small pool of worker threads for the batch: one file per task, results in the
 * order asked. Each worker loads the rules once and keeps them. A worker's heap is
 * capped (`resourceLimits`), so one pathological file cannot take the machine's
 * memory: the worker dies, its file fails with a one-line error, a new worker
 * takes its place, and the rest of the batch goes on. The same happens to a file
 * that takes longer than its time budget (`maxSeconds`): the worker is stopped.
 */
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import type { FileTask, FileResult } from './batch.js';

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private queue: Array<{ task: FileTask; resolve: (r: FileResult) => void }> = [];

  constructor(
    private readonly size: number,
    private readonly workerData: { rulesDir: string },
    private readonly heapMb: number,
    /** the worker script (tests give their own) */
    private readonly script: URL = new URL('./worker.js', import.meta.url),
    /** time budget of one file (CPU seconds of its worker thread) */
    private readonly maxSeconds?: number,
  ) {}

  run(task: FileTask): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, {
      workerData: this.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const { task, resolve } = this.queue.shift()!;
      slot.busy = true;
      const s = slot;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const done = (r: FileResult) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        s.worker.off('message', onMessage);
        s.worker.off('error', onError);
        s.worker.off('exit', onExit);
        s.busy = false;
        resolve(r);
        this.pump();
      };
      const fail = (why: string) => {
        // a worker stopped by close() (a signal): its file is abandoned, not failed
        if (settled || this.closing) return;
        this.slots = this.slots.filter((x) => x !== s);
        s.worker.off('exit', onExit);
        // wait until the worker is gone, so it writes nothing after its file is cleaned up
        s.worker
          .terminate()
          .catch(() => {})
          .then(() => done({ input: task.shown, ok: false, error: why, warnings: [], bytes: 0 }));
      };
      const onMessage = (r: FileResult | { started: true; tid?: number }) => {
        if ('started' in r) {
          const max = this.maxSeconds;
          if (max && max > 0) {
            // the budget is the CPU time of the worker's thread (a loaded machine does not
            // fail a file that would have fitted), read from /proc; where there is no /proc,
            // wall-clock time. A file that waits without using CPU is stopped after ten times the budget in wall time.
            const cpu0 = threadCpuSeconds(r.tid);
            const t0 = Date.now();
            const check = () => {
              const cpu = threadCpuSeconds(r.tid);
              const used = cpu !== undefined && cpu0 !== undefined ? cpu - cpu0 : (Date.now() - t0) / 1000;
              if (used > max) return fail(`used more than ${max} s of ${cpu !== undefined ? 'CPU ' : ''}time (--max-seconds); stopped`);
              if (Date.now() - t0 > max * 10_000) return fail(`took more than ${max * 10} s of wall time (ten times --max-seconds); stopped`);
              timer = setTimeout(check, Math.min(1000, max * 250));
            };
            timer = setTimeout(check, Math.min(1000, max * 250));
          }
          return;
        }
        done(r);
      };
      const onError = (e: Error) =>
        fail(
          (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `needs more than ${this.heapMb} MB of memory to process (--max-heap-mb); split the file or raise the limit`
            : `internal error: ${e.message}`,
        );
      const onExit = (code: number) => fail(`worker exited with code ${code}`);
      s.worker.on('message', onMessage);
      s.worker.on('error', onError);
      s.worker.on('exit', onExit);
      s.worker.ref();
      s.worker.postMessage(task);
    }
    for (const s of this.slots) if (!s.busy) s.worker.unref();
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

/** CPU seconds (user + system) used so far by thread `tid` of this process, from /proc; undefined where unavailable. */
function threadCpuSeconds(tid: number | undefined): number | undefined {
  if (!tid) return undefined;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ: 100 on Linux
  } catch {
    return undefined;
  }
}
