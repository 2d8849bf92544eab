import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ReadArgs<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>["values"];
  positionals: string[];
}

/**
 * node:util parseArgs in strict mode, for every vmcompare command: the
 * options and positionals, or one line saying what is wrong, in the words of
 * the usage lines ("unknown option --x", "--server needs a value",
 * "--all takes no value"). `valueNames` names what a string option takes
 * ("--companion needs a FILE"); by default "a value".
 */
export function readArgs<O extends Options>(
  args: string[],
  options: O,
  opts: { positionals?: boolean; valueNames?: Partial<Record<keyof O & string, string>> } = {},
): ReadArgs<O> | string {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: opts.positionals ?? false, strict: true });
    return { values: values as ReadArgs<O>["values"], positionals };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = (e as Error).message;
    // Node quotes the option as '--name', '-n' or '--name <value>'.
    const quoted = /'(-[^', ]*)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}`.trim();
    }
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${quoted}`.trim();
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const entry = Object.entries(options).find(([name, o]) => quoted === `--${name}` || (o.short && quoted === `-${o.short}`));
      if (!entry) return `${quoted || "an option"}: ${message}`;
      const [name, o] = entry;
      if (o.type === "boolean") return `--${name} takes no value`;
      return `--${name} needs ${opts.valueNames?.[name as keyof O & string] ?? "a value"}`;
    }
    return message;
  }
}
