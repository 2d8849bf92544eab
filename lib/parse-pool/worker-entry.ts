import os from "node:os";
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import { parseJobs, type ParseJobName } from "./jobs";
import { serializeError, WORKER_READY, type WorkerReply } from "./pool";

/**
 * The parse worker: runs one job at a time from lib/parse-pool/jobs.ts and
 * posts back its result, or its error as plain data. Bundled into one file
 * by lib/parse-pool/build-worker.ts.
 */
const port = parentPort;
if (!port) throw new Error("lib/parse-pool/worker-entry runs only as a worker thread");

// On Linux a nice value belongs to the thread that sets it: parsing yields the CPU to page requests.
try {
  os.setPriority(10);
} catch {
  // Not permitted or not supported: parse at normal priority.
}

const heapMb = () => Math.round(v8.getHeapStatistics().used_heap_size / 2 ** 20);

port.on("message", async (msg: { id: number; job: ParseJobName; args: unknown[] }) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const fn = parseJobs[msg.job] as ((...args: unknown[]) => unknown) | undefined;
    if (!fn) throw new Error(`unknown parse job ${msg.job}`);
    const result = await fn(...msg.args);
    collectTransferable(result, transfer);
    reply = { id: msg.id, ok: true, result, heapMb: heapMb() };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: serializeError(e), heapMb: heapMb() };
  }
  port.postMessage(reply, transfer);
});

port.postMessage(WORKER_READY);

/** Large byte arrays at the top of a result move instead of being copied, when they own their whole buffer. */
function collectTransferable(result: unknown, out: ArrayBuffer[]): void {
  if (!result || typeof result !== "object") return;
  for (const v of Object.values(result)) {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.byteLength > 64 * 1024) {
      out.push(v.buffer);
    }
  }
}
