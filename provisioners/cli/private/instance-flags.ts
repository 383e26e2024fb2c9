// The flags of `polyvisor instance`, as data: name, type, choices, help, and which library option
// each one fills.

import { DRIVER_IDS, RELEASES } from "../../drivers";
import { PolyvisorError } from "../../errors";
import type { OperationOptions } from "../../operations";

export interface InstanceFlag {
  readonly type: "string" | "boolean" | "number" | "list";
  readonly description: string;
  readonly placeholder?: string;
  readonly choices?: readonly string[];
  /** The library option it sets (undefined for CLI-only flags). */
  readonly option?: keyof OperationOptions;
}

export const INSTANCE_FLAGS: { readonly [name: string]: InstanceFlag } = {
  json: { type: "boolean", description: "Print the result (or the error) as JSON on stdout" },
  timeout: { type: "number", placeholder: "S", description: "Give up waiting after S seconds", option: "timeoutSeconds" },
  "cloud-outputs": { type: "string", placeholder: "FILE", description: "Deployed stack's outputs JSON (instead of OS_* variables)" },
  driver: { type: "string", placeholder: "ID", description: "Driver the server runs on (default: from its hypervisor)", choices: DRIVER_IDS, option: "driver" },
  release: { type: "string", placeholder: "R", description: "Cloud's OpenStack release (default: outputs, POLYVISOR_RELEASE, compute API)", choices: RELEASES, option: "release" },
  "dry-run": { type: "boolean", description: "Resolve and gate only; send nothing that changes the cloud" },
  verbose: { type: "boolean", description: "Log each API request (method, path, status, ms) to stderr" },
  hard: { type: "boolean", description: "reboot: HARD instead of SOFT", option: "hard" },
  host: { type: "string", placeholder: "HOST", description: "live-migrate/evacuate target; maintenance-mode host", option: "host" },
  "block-migration": { type: "string", description: "live-migrate: block migration", choices: ["auto", "true", "false"], option: "blockMigration" },
  flavor: { type: "string", placeholder: "FLAVOR", description: "launch/resize: flavor name or id", option: "flavor" },
  then: { type: "string", description: "resize: what to do after nova resized", choices: ["confirm", "revert", "none"], option: "then" },
  image: { type: "string", placeholder: "IMAGE", description: "launch/rescue: image name or id", option: "image" },
  "image-name": { type: "string", placeholder: "NAME", description: "snapshot: name of the new image", option: "imageName" },
  network: { type: "list", placeholder: "NET_ID", description: "launch: network id (repeat for several; none when absent)", option: "networks" },
  "availability-zone": { type: "string", placeholder: "AZ", description: "launch: availability zone (or zone:host)", option: "availabilityZone" },
  volume: { type: "string", placeholder: "VOLUME", description: "attach/detach/swap: volume name or id", option: "volume" },
  "new-volume": { type: "string", placeholder: "VOLUME", description: "swap-volume: the volume to move to", option: "newVolume" },
  device: { type: "string", placeholder: "DEV", description: "attach-volume: device name hint", option: "device" },
  "password-file": { type: "string", placeholder: "FILE", description: "set-admin-password/rescue: file holding the password (or POLYVISOR_ADMIN_PASSWORD)" },
  lines: { type: "number", placeholder: "N", description: "console-log: last N lines", option: "lines" },
  disable: { type: "boolean", description: "maintenance-mode: leave maintenance instead of entering it" },
  help: { type: "boolean", description: "Show this help" },
};

export type ParsedFlags = { [name: string]: string | boolean | number | string[] | undefined };

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: ParsedFlags;
}

export function parseInstanceArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const [, name, inline] = m;
    const spec = INSTANCE_FLAGS[name];
    if (!spec) throw usage(`unknown flag --${name}`, name);
    if (spec.type === "boolean") {
      if (inline !== undefined) throw usage(`--${name} takes no value`, name);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw usage(`--${name} needs a value`, name);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new PolyvisorError("UsageError", `--${name} does not accept that value`, {
        where: "polyvisor instance",
        value,
        allowed: spec.choices.join(", "),
      });
    }
    if (spec.type === "number") {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new PolyvisorError("UsageError", `--${name} needs a positive number`, { where: "polyvisor instance", value });
      flags[name] = n;
    } else if (spec.type === "list") {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    } else {
      flags[name] = value;
    }
  }
  return { positional, flags };
}

/** The library options the flags fill. */
export function optionsFromFlags(flags: ParsedFlags): OperationOptions {
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(INSTANCE_FLAGS)) {
    if (spec.option && flags[name] !== undefined) options[spec.option] = flags[name];
  }
  if (options.blockMigration !== undefined && options.blockMigration !== "auto") options.blockMigration = options.blockMigration === "true";
  if (flags.disable) options.enable = false;
  return options as OperationOptions;
}

function usage(summary: string, flag: string): PolyvisorError {
  return new PolyvisorError("UsageError", summary, {
    where: `polyvisor instance --${flag}`,
    fix: "run `polyvisor instance --help`",
  });
}
