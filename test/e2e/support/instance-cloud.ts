// The cloud the instance-operations end-to-end test drives, as a small fixture: credentials, the
// host names per hypervisor, the images/flavors to launch with, and a way to stop and start
// nova-compute on a host (evacuation needs a down host; the rolling change restarts it).
//
// Where it comes from: the all-in-one run (instanceCloudFromAllInOne), or, for a cloud deployed
// some other way:
//   POLYVISOR_E2E_CLOUD=FILE  a JSON InstanceCloudFile (any cloud: the all-in-one deploy kept up, or
//                             a hand-built one); credentials from its `outputsFile` (the stack's
//                             outputs, 0600) or from the OS_* variables — never from the JSON itself.
//   otherwise                 a loud failure saying what to set: the test never skips.

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { credentialsFromEnvironment, credentialsFromStackOutputs, type OpenStackCredentials } from "../../../provisioners/openstack";
import type { AllInOneRun } from "../../../scripts/demo/all-in-one";
import { GUEST_HEARTBEAT, GUEST_MARKER } from "../../../scripts/demo/checks";
import { ssh } from "../../../scripts/demo/fleet";

const run = promisify(execFile);

export interface ImageAndFlavor {
  readonly image: string;
  readonly flavor: string;
}

export interface InstanceCloud {
  readonly credentials: OpenStackCredentials;
  readonly release?: string;
  readonly driverByHost?: { readonly [host: string]: string };
  /** nova host names of the two libvirt QEMU nodes. */
  readonly qemuHosts: readonly [string, string];
  /** nova host name of the libvirt LXC node. */
  readonly lxcHost: string;
  readonly qemu: ImageAndFlavor & { readonly networks?: readonly string[] };
  readonly lxc: ImageAndFlavor;
  /** A line the QEMU guest prints on its console once booted. */
  readonly consoleMarker: string;
  /** What the QEMU guest prints with its uptime, periodically ("<heartbeat> uptime=<s>"), if it does. */
  readonly heartbeat?: string;
  /** Stops / starts nova-compute on a host (by nova host name). */
  stopCompute(host: string): Promise<void>;
  startCompute(host: string): Promise<void>;
}

/** The JSON form: every field of InstanceCloud but the credentials; host control as argv templates. */
export interface InstanceCloudFile {
  readonly outputsFile?: string;
  readonly release?: string;
  readonly driverByHost?: { readonly [host: string]: string };
  readonly qemuHosts: [string, string];
  readonly lxcHost: string;
  readonly qemu: ImageAndFlavor & { readonly networks?: string[] };
  readonly lxc: ImageAndFlavor;
  readonly consoleMarker: string;
  readonly heartbeat?: string;
  /** argv run on this machine; "{host}" is replaced by the nova host name. */
  readonly stopCompute: readonly string[];
  readonly startCompute: readonly string[];
}

export const CLOUD_VARIABLE = "POLYVISOR_E2E_CLOUD";

export function instanceCloud(env: NodeJS.ProcessEnv = process.env): InstanceCloud {
  const path = env[CLOUD_VARIABLE];
  if (!path) {
    throw new Error(
      `no cloud for the instance-operations end-to-end test: set ${CLOUD_VARIABLE} to a JSON file ` +
        "(test/e2e/support/instance-cloud.ts InstanceCloudFile: qemuHosts, lxcHost, qemu/lxc image+flavor, consoleMarker, " +
        "stopCompute/startCompute argv, and outputsFile or OS_* credentials). This test does not skip.",
    );
  }
  const file = JSON.parse(readFileSync(path, "utf8")) as InstanceCloudFile;
  for (const key of ["qemuHosts", "lxcHost", "qemu", "lxc", "consoleMarker", "stopCompute", "startCompute"] as const) {
    if (file[key] === undefined) throw new Error(`${path}: ${key} is missing (see InstanceCloudFile)`);
  }
  const fromOutputs = file.outputsFile ? credentialsFromStackOutputs(file.outputsFile, env) : undefined;
  const control = (argv: readonly string[]) => async (host: string) => {
    const [cmd, ...args] = argv.map((a) => a.replace(/\{host\}/g, host));
    await run(cmd, args, { timeout: 120_000 });
  };
  return {
    credentials: fromOutputs?.credentials ?? credentialsFromEnvironment(env),
    release: file.release ?? fromOutputs?.facts.release,
    driverByHost: file.driverByHost ?? fromOutputs?.facts.driverByHost,
    qemuHosts: file.qemuHosts,
    lxcHost: file.lxcHost,
    qemu: file.qemu,
    lxc: file.lxc,
    consoleMarker: file.consoleMarker,
    heartbeat: file.heartbeat,
    stopCompute: control(file.stopCompute),
    startCompute: control(file.startCompute),
  };
}

/**
 * The cloud the all-in-one run deployed (scripts/demo/all-in-one.ts): credentials and driver facts
 * from the stack's outputs, nova host names from the fleet, the example's QEMU and LXC image and
 * flavor, nova-compute stopped and started over the fleet's pinned SSH.
 */
export function instanceCloudFromAllInOne(run: AllInOneRun): InstanceCloud {
  if (!run.deployed || !run.outputsFile) {
    const failed = run.report.checks.find((c) => !c.ok);
    throw new Error(`the all-in-one cloud is not deployed, so there is nothing to run instance operations on${failed ? `: ${failed.name}: ${failed.detail}` : ""}`);
  }
  const { credentials, facts } = credentialsFromStackOutputs(run.outputsFile);
  const byName = new Map(Object.values(run.byPurpose).map((h) => [h.name, h]));
  const control = (verb: "stop" | "start") => async (host: string) => {
    const record = byName.get(host);
    if (!record) throw new Error(`${host} is not a host of the all-in-one fleet`);
    const r = await ssh(record, `systemctl ${verb} nova-compute`);
    if (r.code !== 0) throw new Error(`systemctl ${verb} nova-compute on ${host} failed (exit ${r.code}): ${r.stderr.trim()}`);
  };
  return {
    credentials,
    release: facts.release,
    driverByHost: facts.driverByHost,
    qemuHosts: [run.byPurpose["qemu-1"].name, run.byPurpose["qemu-2"].name],
    lxcHost: run.byPurpose.lxc.name,
    qemu: { image: "guest-qemu", flavor: "m1.tiny.qemu" },
    lxc: { image: "guest-lxc", flavor: "c1.tiny.lxc" },
    consoleMarker: GUEST_MARKER,
    heartbeat: GUEST_HEARTBEAT,
    stopCompute: control("stop"),
    startCompute: control("start"),
  };
}
