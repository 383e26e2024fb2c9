// `--name value`, `--name=value` and `--flag` parsing against a command's flag specs.
import { PolyvisorError } from "../../provisioners/errors";
import type { FlagSpec } from "./command";

export function parseFlags(argv: readonly string[], specs: { readonly [name: string]: FlagSpec }, command: string): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw usage(command, `unexpected argument ${JSON.stringify(arg)}`, specs);
    const [, name, inline] = m;
    const spec = specs[name];
    if (!spec) throw usage(command, `unknown flag --${name}`, specs);
    if (spec.type === "boolean") {
      if (inline !== undefined) throw usage(command, `--${name} takes no value`, specs);
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw usage(command, `--${name} needs a value`, specs);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new PolyvisorError("UsageError", `--${name} does not accept that value`, {
        where: `polyvisor ${command}`,
        value,
        allowed: spec.choices.join(", "),
        fix: `run \`polyvisor ${command} --help\``,
      });
    }
    out[name] = value;
  }
  return out;
}

function usage(command: string, summary: string, specs: { readonly [name: string]: FlagSpec }): PolyvisorError {
  return new PolyvisorError("UsageError", summary, {
    where: `polyvisor ${command}`,
    allowed: Object.keys(specs).map((f) => `--${f}`).join(", "),
    fix: `run \`polyvisor ${command} --help\``,
  });
}

export function helpText(name: string, summary: string, specs: { readonly [n: string]: FlagSpec }, examples: readonly string[]): string {
  const rows = Object.entries(specs).map(([flag, s]) => {
    const left = s.type === "boolean" ? `--${flag}` : `--${flag} ${s.placeholder ?? "VALUE"}`;
    const choices = s.choices ? ` (one of: ${s.choices.join(", ")})` : "";
    return `  ${left.padEnd(28)} ${s.description}${choices}`;
  });
  return [`polyvisor ${name} — ${summary}`, "", "Flags:", ...rows, "", "Examples:", ...examples.map((e) => `  ${e}`), ""].join("\n");
}
