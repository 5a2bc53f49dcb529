import type { Worker } from "./worker.server";

/**
 * Workers running in this process. A webhook that enqueued work pokes them so the transfer
 * starts at once instead of at the next poll; other instances pick it up by polling.
 */
declare global {
  var ledgerBridgeWorkers: Set<Worker> | undefined;
}

const workers = (globalThis.ledgerBridgeWorkers ??= new Set<Worker>());

export function registerWorker(worker: Worker): () => void {
  workers.add(worker);
  return () => workers.delete(worker);
}

export function wakeWorkers(): void {
  for (const worker of workers) worker.poke();
}
