// Docker through nova-docker: `compute_driver = novadocker.virt.docker.DockerDriver`, section
// [docker]. Never part of nova's tree after Havana: the nova-docker code must be installed on the
// node first. The project was retired; its branches cover Liberty to Ocata. nova's support matrix
// never had a Docker row, so its capabilities are stated here from the methods nova-docker
// implements (openstack-archive/nova-docker stable/mitaka novadocker/virt/docker/driver.py).

import { defined } from "../config/ini-model";
import { Availability, PackageRef } from "./driver";
import { defineDriver } from "./private/define-driver";
import { collect, url } from "./private/option-checks";
import { Release } from "./release";

export interface DockerOptions {
  /** `host_url`: the Docker engine API (default unix:///var/run/docker.sock). */
  readonly hostUrl?: string;
  /** `root_directory` (default /var/lib/docker). */
  readonly rootDirectory?: string;
  readonly snapshotsDirectory?: string;
  readonly vifDriver?: string;
  readonly privileged?: boolean;
  readonly injectKey?: boolean;
  readonly apiInsecure?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

const COMPUTE_DRIVER = "novadocker.virt.docker.DockerDriver";

function novaDockerSpan(from: Release, to: Release, branch: string): Availability {
  const install: PackageRef[] = [
    { name: `nova-docker@${branch}`, via: "git", note: "openstack-archive/nova-docker, installed with pip into nova's Python environment" },
    { name: "docker-py", via: "pip", note: "Docker API client nova-docker imports" },
  ];
  return {
    from,
    to,
    tree: "out-of-tree",
    computeDriver: COMPUTE_DRIVER,
    source: `openstack-archive/nova-docker branch ${branch}`,
    outOfTree: {
      project: "nova-docker",
      source: `openstack-archive/nova-docker branch ${branch}`,
      install,
      note: "also copy nova-docker's rootwrap filters (docker.filters) to /etc/nova/rootwrap.d/",
    },
  };
}

export const docker = defineDriver<DockerOptions>({
  id: "docker",
  title: "Docker (nova-docker)",
  matrixId: null,
  hypervisorType: "docker",
  imageHypervisorType: "docker",
  requiredImageProperties: [],
  vmModes: ["exe"],
  architectures: ["x86_64", "i686"],
  deployment: "on-host",
  computeHostOs: "linux",
  availability: [
    novaDockerSpan("liberty", "liberty", "stable/liberty"),
    novaDockerSpan("mitaka", "mitaka", "stable/mitaka"),
    novaDockerSpan("newton", "ocata", "stable/ocata"),
  ],
  diskFormats: ["raw"],
  containerFormats: ["docker"],
  networking: {
    types: ["local", "flat", "vlan", "vxlan", "gre"],
    typesNeedingNsx: [],
    securityGroups: "native",
    note: "containers are plugged by nova-docker's VIF driver like libvirt guests (OVS hybrid plug)",
  },
  volumes: { protocols: [], note: "nova-docker implements no volume attach" },
  meteringInspector: null,
  meteringNote: "Ceilometer has no inspector for nova-docker containers",
  services: ["nova-compute", "docker"],
  ownedSections: ["docker"],
  basePackages: () => [
    { name: "nova-compute", via: "apt" },
    { name: "docker.io", via: "apt" },
  ],
  explicitCapabilities: [
    {
      span: { from: "liberty", to: "ocata" },
      source:
        "not in nova's support matrix; from the methods nova-docker's DockerDriver implements: spawn, destroy, reboot, " +
        "power_on/off, pause/unpause, snapshot, attach/detach_interface, get_console_output. " +
        "No volumes, suspend, rescue, resize, live migration or evacuation.",
      support: {
        "operation.launch": "complete",
        "operation.terminate": "complete",
        "operation.reboot": "complete",
        "operation.pause": "complete",
        "operation.unpause": "complete",
        "operation.snapshot": "complete",
        "console.serial.log": "complete",
        "operation.attach-interface": "complete",
        "operation.detach-interface": "complete",
        "operation.suspend": "missing",
        "operation.resume": "missing",
        "operation.rescue": "missing",
        "operation.resize": "missing",
        "operation.live-migrate": "missing",
        "operation.evacuate": "missing",
        "operation.attach-volume": "missing",
        "operation.detach-volume": "missing",
        "operation.swap-volume": "missing",
        "operation.set-admin-password": "missing",
        "operation.maintenance-mode": "missing",
        "storage.block": "missing",
      },
    },
  ],
  sections: (o, _release, computeDriver) => ({
    DEFAULT: { compute_driver: computeDriver },
    docker: defined({
      host_url: o.hostUrl,
      root_directory: o.rootDirectory,
      snapshots_directory: o.snapshotsDirectory,
      vif_driver: o.vifDriver,
      privileged: o.privileged,
      inject_key: o.injectKey,
      api_insecure: o.apiInsecure,
      ca_file: o.caFile,
      cert_file: o.certFile,
      key_file: o.keyFile,
    }),
  }),
  validate: (o) => collect(url("hostUrl", o.hostUrl, ["unix", "tcp", "http", "https"])),
});
