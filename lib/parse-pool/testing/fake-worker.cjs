// A stand-in parse worker for the pool's own tests: jobs that succeed, fail,
// use up their heap, never finish, or kill the thread, on demand.
const { parentPort } = require("node:worker_threads");

const jobs = {
  echo: (...args) => ({ args, bytes: args.find((a) => a instanceof Uint8Array)?.byteLength ?? null }),
  sleep: (ms) => new Promise((resolve) => setTimeout(() => resolve({ slept: ms }), ms)),
  allocate: () => {
    // Keeps every chunk reachable until the heap limit is hit.
    const keep = [];
    for (;;) keep.push(new Array(100_000).fill({ n: keep.length }));
  },
  spin: () => {
    for (;;);
  },
  appError: (file) => {
    throw Object.assign(new Error("no VM found"), { appError: { code: "parse_error", file, line: 3, field: "vInfo" } });
  },
  exit: () => process.exit(1),
};

parentPort.postMessage("vmcompare-parse-worker-ready");

parentPort.on("message", async ({ id, job, args }) => {
  try {
    const result = await jobs[job](...args);
    parentPort.postMessage({ id, ok: true, result, heapMb: 1 });
  } catch (e) {
    const error = e.appError
      ? { kind: "app", message: e.message, ...e.appError }
      : { kind: "error", name: e.name, message: e.message, stack: e.stack };
    parentPort.postMessage({ id, ok: false, error, heapMb: 1 });
  }
});
