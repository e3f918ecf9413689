/** A batch worker thread: loads the rules once, then processes one file per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { loadRules } from './pipeline.js';
import { processFileTask, type FileTask } from './batch.js';

const rules = loadRules((workerData as { rulesDir: string }).rulesDir);
/** this thread's id in /proc (Linux), so the pool can read the CPU time it has used */
const tid = (() => {
  try {
    return Number(basename(realpathSync('/proc/thread-self')));
  } catch {
    return undefined;
  }
})();
parentPort!.on('message', async (task: FileTask) => {
  // the time budget counts from here: the worker's start-up (rules) is not the file's
  parentPort!.postMessage({ started: true, tid });
  const r = await processFileTask(task, rules);
  parentPort!.postMessage(r);
});
