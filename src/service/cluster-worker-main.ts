// cluster: the script node:cluster runs in each worker process (server-count > 1); see cluster-worker.ts.
import { runWorker } from './cluster-worker.js';

runWorker();
