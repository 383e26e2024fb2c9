// The `polyvisor` command line: one file per command under bin/commands, dispatched by name.
import { isPolyvisorError } from "../provisioners/errors";
import { matrix } from "./commands/matrix";
import { Command, EXIT, Io } from "./private/command";
import { helpText, parseFlags } from "./private/parse-flags";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COMMANDS: readonly Command<any>[] = [matrix];

const io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Commands that parse their own arguments (positional operands, their own exit codes). */
const OWN_PARSERS: { readonly [name: string]: { summary: string; load(): Promise<{ run(argv: string[]): Promise<number> }> } } = {
  instance: {
    summary: "run an instance operation through the driver layer (refused up front where the hypervisor cannot)",
    load: () => import("../provisioners/cli/instance"),
  },
};

function overview(): string {
  const rows = [
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    ...Object.entries(OWN_PARSERS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`),
  ];
  return ["usage: polyvisor <command> [flags]", "", "Commands:", ...rows, "", "Run `polyvisor <command> --help` for a command's flags.", ""].join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "help") {
    io.out(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const own = OWN_PARSERS[name];
  if (own) return (await own.load()).run(rest);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`polyvisor: unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help")) {
    io.out(helpText(command.name, command.summary, command.flags, command.examples));
    return EXIT.ok;
  }
  try {
    const flags = parseFlags(rest, command.flags, command.name);
    return await command.run(flags, io);
  } catch (err) {
    if (isPolyvisorError(err)) {
      io.err(`polyvisor: ${err.message}\n`);
      return err.code === "UsageError" ? EXIT.usage : EXIT.failed;
    }
    throw err;
  }
}

/** Runs the CLI with the process's arguments and exits with the command's code. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`polyvisor: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(EXIT.failed);
    },
  );
}

if (require.main === module) run();
