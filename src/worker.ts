/** A batch worker thread: loads the rules once, then processes one file per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRules } from './pipeline.js';
import { processFileTask, type FileTask } from './batch.js';

const rules = loadRules((workerData as { rulesDir: string }).rulesDir);
parentPort!.on('message', async (task: FileTask) => {
  // the time budget counts from here: the worker's start-up (rules) is not the file's
  parentPort!.postMessage({ started: true });
  const r = await processFileTask(task, rules);
  parentPort!.postMessage(r);
});
