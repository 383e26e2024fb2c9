// Synthesis benchmark: a generated cloud of 1,000 compute nodes spread over every driver that
// exists in one release (the release with the most drivers), 50 VLAN networks and 100 flavors,
// synthesized to Terraform JSON with validations on, from the compiled app. Prints wall time and
// peak memory; targets are < 5 s and < 1 GB on the project's machine. Run: bash bench/run-synth.sh
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { App, ContainerFormat, Hypervisor, OpenStackCloud } from "../constructs";
import type { DriverId } from "../provisioners/drivers/driver";
import { driversIn } from "../provisioners/drivers/registry";
import { RELEASES, Release, assertRelease } from "../provisioners/drivers/release";

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const NETWORKS = Number(process.env.BENCH_NETWORKS ?? 50);
const FLAVORS = Number(process.env.BENCH_FLAVORS ?? 100);

const CLUSTER = (i: number) => ({ name: `cluster-${i}`, hostCount: 4, sharedStorage: `shared-${i}` });

/** One factory call per driver id: the bench covers every driver of the release. */
const FACTORY: { readonly [D in DriverId]: (i: number, dom0: string) => Hypervisor } = {
  "libvirt-kvm-x86": () => Hypervisor.kvm(),
  "libvirt-kvm-ppc64": () => Hypervisor.kvm({ arch: "ppc64" }),
  "libvirt-kvm-s390x": () => Hypervisor.kvm({ arch: "s390x" }),
  "libvirt-kvm-aarch64": () => Hypervisor.kvm({ arch: "aarch64" }),
  "libvirt-qemu-x86": () => Hypervisor.qemu(),
  "libvirt-lxc": () => Hypervisor.lxc(),
  "libvirt-xen": () => Hypervisor.xen(),
  "libvirt-uml": () => Hypervisor.uml(),
  "libvirt-vz-vm": () => Hypervisor.virtuozzoVm(),
  "libvirt-vz-ct": () => Hypervisor.virtuozzoCt(),
  xenserver: (_i, dom0) => Hypervisor.xenserver({ hypervisorHost: dom0, connectionPasswordSecret: "xenserver_password" }),
  vmware: (i) => Hypervisor.vmware({ hostIp: "vcenter.bench", hostUsername: "nova", hostPasswordSecret: "vcenter_password", cluster: CLUSTER(i), nsx: true }),
  hyperv: () => Hypervisor.hyperv({ vswitchName: "external" }),
  docker: () => Hypervisor.docker(),
  ironic: () => Hypervisor.ironic(),
  zvm: (i) => Hypervisor.zvm({ cloudConnectorUrl: "http://zvm.bench:8080/", cluster: CLUSTER(i) }),
  powervm: (_i, dom0) => Hypervisor.powervm({ hypervisorHost: dom0, diskDriver: "localdisk", volumeGroupName: "rootvg" }),
  fake: () => Hypervisor.fake(),
};

/** BENCH_RELEASE, or the newest release with the most drivers (Ussuri: 17 of 18, all but nova-docker). */
function benchRelease(): Release {
  if (process.env.BENCH_RELEASE) return assertRelease(process.env.BENCH_RELEASE, "BENCH_RELEASE");
  const most = Math.max(...RELEASES.map((r) => driversIn(r).length));
  return [...RELEASES].reverse().find((r) => driversIn(r).length === most)!;
}

const address = (n: number) => `10.${100 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;

function build(app: App, release: Release): OpenStackCloud {
  const drivers = driversIn(release).map((d) => d.id);
  const cloud = new OpenStackCloud(app, "bench", { release, controller: { name: "controller", address: address(1), sshTrustOnFirstUse: true }, tenantNetworkTypes: ["vlan"] });
  const physnet = cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 1000, max: 1999 }] });
  for (let i = 0; i < NETWORKS; i++) {
    cloud.addVlanNetwork(`vlan-${i}`, { name: `vlan-${i}`, physicalNetwork: physnet, segmentationId: 100 + i, cidr: `10.200.${i}.0/24` });
  }
  let hostNo = 10;
  for (let i = 0; i < NODES; i++) {
    const driver = drivers[i % drivers.length];
    const def = driversIn(release).find((d) => d.id === driver)!;
    const name = `node-${i}`;
    cloud.addHost(name, { name, address: address(hostNo++), role: "compute", sshTrustOnFirstUse: true });
    let dom0 = "";
    if (def.deployment === "in-guest") {
      dom0 = `${name}-dom0`;
      cloud.addHost(dom0, { name: dom0, address: address(hostNo++), role: "compute", sshTrustOnFirstUse: true });
    }
    cloud.addComputeNode(name, { host: name, hypervisor: FACTORY[driver](i, dom0) });
  }
  const zones = [...cloud.addAvailabilityZonePerHypervisor().values()];
  for (let i = 0; i < FLAVORS; i++) {
    cloud.addFlavor(`flavor-${i}`, { name: `bench.${i}`, vcpus: 1 + (i % 8), ramMb: 512 * (1 + (i % 16)), diskGb: 10, aggregate: zones[i % zones.length] });
  }
  for (const zone of zones) {
    const node = zone.computeNodes[0];
    cloud.addImage(`image-${zone.name}`, {
      name: `image-${zone.name}`, diskFormat: node.acceptedDiskFormats[0], containerFormat: node.acceptedContainerFormats[0] ?? ContainerFormat.BARE, aggregate: zone,
    });
  }
  return cloud;
}

function main(): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-bench-"));
  const release = benchRelease();
  const t0 = performance.now();
  const app = new App({ outdir });
  build(app, release);
  const t1 = performance.now();
  app.synth();
  const t2 = performance.now();
  const file = path.join(outdir, "stacks", "bench", "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource: Record<string, Record<string, unknown>> };
  const count = (t: string) => Object.keys(json.resource[t] ?? {}).length;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const result = {
    release,
    drivers: driversIn(release).length,
    computeNodes: count("polyvisor_compute_node"),
    hosts: count("polyvisor_host"),
    networks: count("polyvisor_network"),
    flavors: count("polyvisor_flavor"),
    jsonMb: +(fs.statSync(file).size / 1048576).toFixed(1),
    constructSeconds: +((t1 - t0) / 1000).toFixed(2),
    synthSeconds: +((t2 - t1) / 1000).toFixed(2),
    wallSeconds: +((t2 - t0) / 1000).toFixed(2),
    /** From process start (performance's time origin): module loading included. */
    processSeconds: +(t2 / 1000).toFixed(2),
    peakRssMb: Math.round(peakMb),
  };
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(
    `synth bench: ${result.computeNodes} compute nodes (${result.drivers} drivers, ${release}), ${result.hosts} hosts, ` +
      `${result.networks} VLAN networks, ${result.flavors} flavors -> ${result.jsonMb} MB of Terraform JSON`,
  );
  console.log(`  wall ${result.wallSeconds} s (build ${result.constructSeconds} s + synth ${result.synthSeconds} s; ${result.processSeconds} s since process start), target < 5 s`);
  console.log(`  peak RSS ${result.peakRssMb} MB, target < 1024 MB`);
  console.log(JSON.stringify(result));
}

main();
