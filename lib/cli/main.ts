import { isAppError } from "@/lib/errors/app-error";

// Written out (not `import(\`./commands/${name}\`)`) so the one-file bundle of the CLI
// (lib/cli/bundle.ts) holds exactly these modules and none of their tests.
const LOADERS: Record<string, () => Promise<unknown>> = {
  parse: () => import("./commands/parse"),
  redact: () => import("./commands/redact"),
  snapshot: () => import("./commands/snapshot"),
};
const COMMANDS = Object.keys(LOADERS);
const USAGE = "usage: vmcompare <parse|redact|snapshot> [args...]  (vmcompare parse FILE [--redact] [--companion FILE ...])";

interface CommandModule {
  run(args: string[]): Promise<number>;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function isMissingModule(e: unknown, name: string): boolean {
  const err = e as { code?: string; message?: string };
  const missing = err?.code === "ERR_MODULE_NOT_FOUND" || err?.code === "MODULE_NOT_FOUND" || /Cannot find module/.test(err?.message ?? "");
  return missing && (err?.message ?? "").includes(`commands/${name}`);
}

/** Loads commands lazily, so one command's missing or broken module never stops the others. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    process.stderr.write(USAGE + "\n");
    return 2;
  }
  if (!COMMANDS.includes(name)) {
    process.stderr.write(`vmcompare: unknown command "${oneLine(name)}"; ${USAGE}\n`);
    return 2;
  }
  let command: CommandModule;
  try {
    command = (await LOADERS[name]()) as CommandModule;
  } catch (e) {
    if (isMissingModule(e, name)) {
      process.stderr.write(`vmcompare: the "${name}" command is not available in this build (lib/cli/commands/${name}.ts is missing)\n`);
    } else {
      process.stderr.write(`vmcompare: the "${name}" command failed to load: ${oneLine(String((e as Error)?.message ?? e))}\n`);
    }
    return 2;
  }
  if (typeof command.run !== "function") {
    process.stderr.write(`vmcompare: lib/cli/commands/${name}.ts exports no run()\n`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`vmcompare: ${oneLine(isAppError(e) ? e.describe() : String((e as Error)?.message ?? e))}\n`);
    process.exitCode = 2;
  },
);
