// `polyvisor instance <operation> <name-or-id> [flags]`: one instance operation through the driver
// layer's call path (the same one the provider's polyvisor_instance resource uses). Credentials
// come from the OS_* variables or a deployed stack's outputs file. Progress goes to stderr, the
// result to stdout (JSON with --json), errors to stderr with a hint, and the exit code says what
// happened so CI can act on it.

import { readFileSync } from "node:fs";
import { isRelease } from "../drivers";
import { PolyvisorError, isPolyvisorError } from "../errors";
import { OpenStackCloud, credentialsFromEnvironment, credentialsFromStackOutputs, type CloudFacts } from "../openstack";
import { InstanceOperations, OPERATION_NAMES, OPERATION_SPECS, kebab, operationSpec, type OperationOptions, type OperationResult } from "../operations";
import { INSTANCE_FLAGS, optionsFromFlags, parseInstanceArgs, type ParsedFlags } from "./private/instance-flags";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes, by what CI should do next. */
export const INSTANCE_EXIT = {
  ok: 0,
  /** The operation ran and failed (nova fault, conflict, API error). */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** Refused up front by the driver layer: the hypervisor cannot do it. */
  refused: 3,
  /** No usable cloud: credentials missing or wrong, endpoint unreachable. */
  noCloud: 4,
  /** The final state was not reached in time. */
  timedOut: 5,
} as const;

const EXIT_BY_CODE: { readonly [code: string]: number } = {
  UsageError: INSTANCE_EXIT.usage,
  MissingOption: INSTANCE_EXIT.usage,
  UnknownOperation: INSTANCE_EXIT.usage,
  UnknownDriver: INSTANCE_EXIT.usage,
  UnknownRelease: INSTANCE_EXIT.usage,
  InvalidOption: INSTANCE_EXIT.usage,
  OperationNotSupported: INSTANCE_EXIT.refused,
  DriverNotInRelease: INSTANCE_EXIT.refused,
  VolumeServiceMissing: INSTANCE_EXIT.refused,
  CredentialsMissing: INSTANCE_EXIT.noCloud,
  CloudOutputsUnreadable: INSTANCE_EXIT.noCloud,
  InsecureFileMode: INSTANCE_EXIT.noCloud,
  ApiUnauthorized: INSTANCE_EXIT.noCloud,
  ApiUnreachable: INSTANCE_EXIT.noCloud,
  EndpointNotFound: INSTANCE_EXIT.noCloud,
  OperationTimedOut: INSTANCE_EXIT.timedOut,
};

const HINT_BY_CODE: { readonly [code: string]: string } = {
  OperationNotSupported: "the hypervisor cannot do this; `polyvisor matrix` shows what each driver supports",
  VolumeServiceMissing: "this cloud has no volume service; volume operations need a cinder backend",
  DriverNotInRelease: "this driver does not exist in the cloud's release; check --release and --driver",
  CredentialsMissing: "source the cloud's openrc, or pass --cloud-outputs FILE",
  ApiUnauthorized: "check the credentials (OS_* or the outputs file)",
  ApiUnreachable: "is the cloud up and reachable from here? check OS_AUTH_URL",
  OperationTimedOut: "raise --timeout, or look at nova-compute's log on the server's host",
  OperationFailed: "nova's fault above says why; nova-compute's log on the host has the trace",
  ServerNotFound: "list servers with `openstack server list --all-projects`",
  UsageError: "run `polyvisor instance --help`",
  MissingOption: "run `polyvisor instance --help`",
};

const defaultIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env };

export async function run(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let json = false;
  try {
    const { positional, flags } = parseInstanceArgs(argv);
    json = flags.json === true;
    if (flags.help || positional.length === 0) {
      io[flags.help ? "out" : "err"](helpText());
      return flags.help ? INSTANCE_EXIT.ok : INSTANCE_EXIT.usage;
    }
    const [operation, target, ...extra] = positional;
    operationSpec(operation);
    if (!target || extra.length > 0) {
      throw new PolyvisorError("UsageError", "expected exactly one server name or id after the operation", {
        where: `polyvisor instance ${operation}`,
        value: positional.slice(1),
        fix: `polyvisor instance ${operation} <name-or-id> [flags]`,
      });
    }
    const { cloud, facts } = connect(flags, io);
    const release = facts.release ?? (isRelease(io.env.POLYVISOR_RELEASE) ? io.env.POLYVISOR_RELEASE : undefined);
    const ops = new InstanceOperations(cloud, {
      release,
      driverByHost: facts.driverByHost,
      pollIntervalMs: Number(io.env.POLYVISOR_POLL_MS) > 0 ? Number(io.env.POLYVISOR_POLL_MS) : undefined,
      onProgress: json ? undefined : (e) => io.err(`[${(e.elapsedMs / 1000).toFixed(1)}s] ${e.phase}: ${e.message}\n`),
    });
    const options: OperationOptions = { ...optionsFromFlags(flags), ...passwordOption(flags, io) };
    if (flags["dry-run"]) {
      const checked = await ops.check(operation as never, target, options);
      io.out(json ? `${JSON.stringify({ dryRun: true, ...checked })}\n` : `dry run: ${operation} on ${checked.server?.name ?? target} is allowed for ${checked.drivers.join(", ") || "(driver known after placement)"} in ${checked.release}\n`);
      return INSTANCE_EXIT.ok;
    }
    const result = await ops.run(operation as never, target, options);
    io.out(json ? `${JSON.stringify(result)}\n` : describe(result));
    return INSTANCE_EXIT.ok;
  } catch (err) {
    return report(err, json, io);
  }
}

function connect(flags: ParsedFlags, io: CliIo): { cloud: OpenStackCloud; facts: CloudFacts } {
  const path = flags["cloud-outputs"];
  const { credentials, facts } =
    typeof path === "string" ? credentialsFromStackOutputs(path, io.env) : { credentials: credentialsFromEnvironment(io.env), facts: {} };
  const log = flags.verbose ? (e: { method: string; path: string; status: number; ms: number }) => io.err(`  ${e.method} ${e.path} -> ${e.status} (${e.ms} ms)\n`) : undefined;
  return { cloud: new OpenStackCloud(credentials, { log }), facts };
}

/** The admin password comes from a file or the environment, never from the command line. */
function passwordOption(flags: ParsedFlags, io: CliIo): Pick<OperationOptions, "adminPass"> {
  const file = flags["password-file"];
  if (typeof file === "string") {
    try {
      return { adminPass: readFileSync(file, "utf8").replace(/\r?\n$/, "") };
    } catch (err) {
      throw new PolyvisorError("UsageError", `cannot read the password file: ${(err as NodeJS.ErrnoException).code ?? "error"}`, { where: "--password-file", value: file });
    }
  }
  return io.env.POLYVISOR_ADMIN_PASSWORD ? { adminPass: io.env.POLYVISOR_ADMIN_PASSWORD } : {};
}

function describe(r: OperationResult): string {
  const lines = [`${r.operation} ${r.server.name} (${r.server.id}): ${r.status} in ${(r.elapsedMs / 1000).toFixed(1)} s`];
  lines.push(`  driver: ${r.drivers.join(", ")}  release: ${r.release}${r.host ? `  host: ${r.host}` : ""}`);
  if (r.fromHost !== undefined) lines.push(`  moved: ${r.fromHost} -> ${r.host}`);
  if (r.imageId) lines.push(`  image: ${r.imageId}`);
  if (r.flavor) lines.push(`  flavor: ${r.flavor}`);
  if (r.output !== undefined) lines.push("", r.output);
  return `${lines.join("\n")}\n`;
}

function report(err: unknown, json: boolean, io: CliIo): number {
  const code = isPolyvisorError(err) ? err.code : "InternalError";
  const message = err instanceof Error ? err.message : String(err);
  const exit = EXIT_BY_CODE[code] ?? INSTANCE_EXIT.failed;
  io.err(`polyvisor instance: ${message}\n`);
  const hint = HINT_BY_CODE[code];
  if (hint) io.err(`hint: ${hint}\n`);
  if (!isPolyvisorError(err) && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
  if (json) io.out(`${JSON.stringify({ error: { code, message, exitCode: exit } })}\n`);
  return exit;
}

export function helpText(): string {
  const ops = OPERATION_SPECS.map((s) => {
    const needs = s.requires.map((k) => `--${kebab(k)}`).join(" ");
    return `  ${s.name.padEnd(20)} ${s.summary}${needs ? ` (needs ${needs})` : ""}`;
  });
  const flags = Object.entries(INSTANCE_FLAGS).map(([name, f]) => {
    const left = f.type === "boolean" ? `--${name}` : `--${name} ${f.placeholder ?? (f.choices ? f.choices.join("|") : "VALUE")}`;
    return `  ${left.padEnd(30)} ${f.description}`;
  });
  const exits = Object.entries(INSTANCE_EXIT).map(([k, v]) => `  ${v}  ${k}`);
  return [
    "usage: polyvisor instance <operation> <name-or-id> [flags]",
    "",
    "Operations (gated by the server's hypervisor driver and the cloud's release):",
    ...ops,
    "",
    "Flags:",
    ...flags,
    "",
    "Credentials: OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME (+ domains, OS_REGION_NAME, OS_INTERFACE),",
    "or --cloud-outputs FILE from `cdktf output --outputs-file FILE --outputs-file-include-sensitive-outputs`.",
    "Environment: POLYVISOR_RELEASE (release when not in the outputs), POLYVISOR_ADMIN_PASSWORD, POLYVISOR_POLL_MS (first poll interval, default 2000).",
    "",
    "Exit codes:",
    ...exits,
    "",
    `Operations: ${OPERATION_NAMES.join(", ")}`,
    "",
  ].join("\n");
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
