/**
 * A small pool of worker threads for the batch: one file per task, results in the
 * order asked. Each worker loads the rules once and keeps them. A worker's heap is
 * capped (`resourceLimits`), so one pathological file cannot take the machine's
 * memory: the worker dies, its file fails with a one-line error, a new worker
 * takes its place, and the rest of the batch goes on. The same happens to a file
 * that takes longer than its time budget (`maxSeconds`): the worker is stopped.
 */
import { Worker } from 'node:worker_threads';
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
    private readonly maxSeconds?: number,
  ) {}

  run(task: FileTask): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
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
      const onMessage = (r: FileResult | { started: true }) => {
        if ('started' in r) {
          if (this.maxSeconds && this.maxSeconds > 0) {
            timer = setTimeout(() => fail(`took more than ${this.maxSeconds} s to process (--max-seconds); stopped`), this.maxSeconds * 1000);
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
