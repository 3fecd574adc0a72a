import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = Record<string, { type: "string" | "boolean"; default?: string | boolean }>;

/** What parseArgs gives for such options: a boolean, a string with a default, or a string that may be absent. */
type Values<T extends Options> = { [K in keyof T]: T[K]["type"] extends "boolean" ? boolean : T[K] extends { default: string } ? string : string | undefined };

type Read<T extends Options> = { values: Values<T>; positionals: string[]; exitCode?: undefined } | { values?: undefined; positionals?: undefined; exitCode: number };

/**
 * A command's options, read as every command of the project reads them: a wrong option prints the
 * message and the usage (exit 2), `--help` prints the usage (exit 0). Arguments that are not
 * options (`init:book DIR`) are refused unless the command allows them.
 */
export function readOptions<T extends Options>(usage: string, options: T, { allowPositionals = false } = {}): Read<T> {
  try {
    const { values, positionals } = parseArgs({ allowPositionals, options: { ...options, help: { type: "boolean", default: false } } as ParseArgsConfig["options"] }) as { values: Record<string, unknown>; positionals: string[] };
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return { exitCode: 0 } as const;
    }
    return { values: values as Values<T>, positionals };
  } catch (cause) {
    process.stderr.write(`${(cause as Error).message}\n\n${usage}\n`);
    return { exitCode: 2 } as const;
  }
}

/** Runs a command and exits with its code once stdout and stderr are flushed, without waiting for handles a killed browser may leave. */
export async function runCommand(main: () => Promise<number>): Promise<void> {
  const code = await main();
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
