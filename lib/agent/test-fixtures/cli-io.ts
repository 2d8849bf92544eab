import type { SnapshotIo } from "@/lib/cli/commands/snapshot";

export interface CapturedIo extends SnapshotIo {
  out: string;
  err: string;
  questions: string[];
}

/** IO for runSnapshot that records what the command writes and answers prompts as told. */
export function captureIo(env: Record<string, string | undefined>, answers: { password?: string | null; confirm?: boolean } = {}): CapturedIo {
  const io: CapturedIo = {
    out: "",
    err: "",
    questions: [],
    stdout: { write: (s: string) => (io.out += s) },
    stderr: { write: (s: string) => (io.err += s), isTTY: false },
    env,
    readPassword: async () => answers.password ?? null,
    confirm: async (q: string) => {
      io.questions.push(q);
      return answers.confirm ?? false;
    },
  };
  return io;
}
