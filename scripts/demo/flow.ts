// The all-in-one from powered-off test hosts to a checked cloud, as steps the demo, the end-to-end
// test and the benchmark share: each step is timed and returns what the next needs.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../../examples/find-file";
import { DEMO_GROUP, FleetHostRecord, fleet, fleetHosts, powerOffAll, readFleetInventory } from "./fleet";
import { ALL_IN_ONE_HOSTS, ROLE_OF, writeInventory } from "./inventory";
import { ZED_RECIPES } from "../../provisioners/roles";
import { demoDir, STACK, StackEnv } from "./stack";
import { existsSync, readdirSync, rmSync } from "node:fs";

const run = promisify(execFile);

export interface Timing {
  readonly step: string;
  readonly seconds: number;
}

export class Clock {
  readonly timings: Timing[] = [];
  private readonly started = Date.now();

  async time<T>(step: string, body: () => Promise<T>, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<T> {
    const t = Date.now();
    say(`== ${step} ...`);
    try {
      return await body();
    } finally {
      const seconds = (Date.now() - t) / 1000;
      this.timings.push({ step, seconds });
      say(`== ${step}: ${seconds.toFixed(1)} s (total ${this.total().toFixed(0)} s)`);
    }
  }

  total(): number {
    return (Date.now() - this.started) / 1000;
  }
}

/** Builds polyvisor (bindings, TypeScript, provider mirror) — scripts/build.sh. */
export async function build(): Promise<void> {
  await run("bash", [path.join(projectRoot(), "scripts/build.sh")], { cwd: projectRoot(), maxBuffer: 64 << 20, timeout: 15 * 60_000 });
}

/** Guest images from Debian packages — scripts/images/build-guest-images.sh. */
export async function buildImages(imageDir: string): Promise<void> {
  await run("bash", [path.join(projectRoot(), "scripts/images/build-guest-images.sh")], {
    env: { ...process.env, POLYVISOR_IMAGE_DIR: imageDir }, maxBuffer: 64 << 20, timeout: 15 * 60_000,
  });
}

/** Brings the fleet group up (host keys, BMCs, apt proxy), then powers every host off. */
export async function fleetUpPoweredOff(): Promise<FleetHostRecord[]> {
  // A run starts from nothing: hosts and Terraform state of an earlier run that did not finish go.
  await fleet(["down", "--name", DEMO_GROUP]);
  rmSync(path.join(projectRoot(), `terraform.${STACK}.tfstate`), { force: true });
  rmSync(path.join(projectRoot(), `terraform.${STACK}.tfstate.backup`), { force: true });
  for (const f of existsSync(demoDir()) ? readdirSync(demoDir()) : []) if (f.endsWith(".log")) rmSync(path.join(demoDir(), f));
  await fleet(["up", "--hosts", String(ALL_IN_ONE_HOSTS.length), "--kind", "nspawn", "--name", DEMO_GROUP]);
  const hosts = (await fleetHosts()).slice(0, ALL_IN_ONE_HOSTS.length);
  await powerOffAll(hosts.map((h) => h.name));
  // Device nodes a role's recipe needs from the host (libvirt LXC: /dev/fuse, loop devices), bound
  // into the nspawn host when the deploy powers it on.
  for (const [i, slot] of ALL_IN_ONE_HOSTS.entries()) {
    const devices = ZED_RECIPES[ROLE_OF[slot.purpose]].hostDevices;
    if (devices.length > 0) await fleet(["devices", hosts[i].name, ...devices]);
  }
  return hosts;
}

/** The stack's environment, with the inventory written from the fleet. */
export function stackEnv(hosts: readonly FleetHostRecord[]): StackEnv {
  const inventory = path.join(demoDir(), "inventory.yaml");
  writeInventory(inventory, readFleetInventory(), hosts);
  return { inventory, imageDir: process.env.POLYVISOR_IMAGE_DIR || path.join(projectRoot(), ".polyvisor", "images") };
}

export async function fleetDown(): Promise<void> {
  await fleet(["down", "--name", DEMO_GROUP]);
}
