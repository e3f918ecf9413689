/**
 * A small pool of worker threads for the batch: one file per task, results in the
 * order asked. Each worker loads the rules once and keeps them. A worker's heap is
 * capped (`resourceLimits`), so one pathological file cannot take the machine's
 * memory: the worker dies, its file fails with a one-line error, a new worker
 * takes its place, and the rest of the batch goes on.
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
    /** the worker script (tests give their own) */
    private readonly script: URL = new URL('./worker.js', import.meta.url),
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
      const done = (r: FileResult) => {
        s.worker.off('message', onMessage);
        s.worker.off('error', onError);
        s.worker.off('exit', onExit);
        s.busy = false;
        resolve(r);
        this.pump();
      };
      const fail = (why: string) => {
        this.slots = this.slots.filter((x) => x !== s);
        s.worker.terminate().catch(() => {});
        done({ input: task.shown, ok: false, error: why, warnings: [], bytes: 0 });
      };
      const onMessage = (r: FileResult) => done(r);
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

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
