// What every `polyvisor` command is: a name, a one-line summary, typed flags, and a run function
// that returns the process exit code.
export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly description: string;
  /** Closed choices, checked before the command runs. */
  readonly choices?: readonly string[];
  readonly placeholder?: string;
}

export interface Command<F extends Record<string, string | boolean | undefined>> {
  readonly name: string;
  readonly summary: string;
  readonly flags: { readonly [K in keyof F]-?: FlagSpec };
  readonly examples: readonly string[];
  run(flags: F, io: Io): Promise<number>;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes CI can act on. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
