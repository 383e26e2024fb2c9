// The single source of truth for polyvisor's Terraform provider: the provider serves this schema
// over the plugin protocol, and `scripts/generate-bindings.ts` feeds the same object to
// @cdktf/provider-generator to produce the TypeScript bindings the constructs use.
//
// Conventions shared by every resource:
// - `files` are rendered config files. Their `content` may carry `${secret:NAME}` placeholders that
//   the provider fills from the sensitive `secrets` map on the host only, so a plan shows every line
//   that changes and never a password.
// - API resources (aggregate, flavor, image, network, volume type, instance) take an `auth` block
//   wired from the control plane's outputs.

import {
  BlockTypeSchema,
  ResourceDefinition,
  block,
  computed,
  defaulted,
  nested,
  optional,
  required,
  resource,
} from "./dsl";

export * from "./dsl";

export const PROVIDER_SOURCE = "registry.terraform.io/polyvisor/polyvisor";
export const PROVIDER_VERSION = "0.1.0";

const fileBlock: BlockTypeSchema = nested(
  "list",
  block("A config file rendered at synth time and pushed atomically to the host.", {
    path: required("string", "Absolute path of the file on the host."),
    content: required("string", "File content; `${secret:NAME}` placeholders are filled from `secrets` on the host."),
    mode: defaulted("string", "Octal file mode, e.g. 0640 (default 0644, 0640 when the content has secrets)."),
    owner: defaulted("string", "Owning user (default root)."),
    group: defaulted("string", "Owning group (default root)."),
    restarts: optional(["list", "string"], "Services of the role restarted when this file changes (default: every service of the role; a unit file /etc/systemd/system/NAME.service only NAME)."),
  }),
);

const roleAttributes = {
  host_id: required("string", "Id of the polyvisor_host this role runs on."),
  host_connection: optional("string", "How to reach the host: wire from polyvisor_host.NAME.ssh_connection.", { sensitive: true }),
  packages: optional(["list", "string"], "Debian packages this role needs."),
  services: optional(["list", "string"], "Services this role runs; restarted only when their inputs change."),
  secrets: optional(["map", "string"], "Values for `${secret:NAME}` placeholders in files.", { sensitive: true }),
  health_checks: optional(["list", "string"], "Shell commands that must exit 0 once the role is up."),
  file_checksums: computed(["map", "string"], "SHA-256 of each file as found on the host (drift shows here)."),
  applied_at: computed("string", "When the role last changed the host (RFC 3339)."),
};

const authBlock: BlockTypeSchema = nested(
  "single",
  block("Credentials for the deployed cloud's APIs (wire from the control plane outputs).", {
    auth_url: required("string", "Keystone v3 URL."),
    username: defaulted("string", "User name (default admin)."),
    password: required("string", "Password.", { sensitive: true }),
    project_name: defaulted("string", "Project (default admin)."),
    region: defaulted("string", "Region name (default RegionOne)."),
  }),
  { min_items: 1, max_items: 1 },
);

export const resources: { readonly [type: string]: ResourceDefinition } = {
  polyvisor_host: resource(
    "A machine polyvisor manages: reached over SSH with a pinned host key, powered through its BMC.",
    {
      id: computed("string", "Host id (its name)."),
      name: required("string", "Hostname, unique in the cloud."),
      address: required("string", "Address polyvisor reaches the host at over SSH."),
      ssh_user: defaulted("string", "SSH user (default root)."),
      ssh_port: defaulted("number", "SSH port (default 22)."),
      ssh_private_key: optional("string", "SSH private key (PEM/OpenSSH).", { sensitive: true }),
      ssh_private_key_path: optional("string", "Path of the SSH private key on the machine running terraform."),
      ssh_host_key: defaulted("string", "Pinned host public key (`ssh-ed25519 AAAA...`); a mismatch is refused. With trust on first use, the key seen first is recorded here."),
      ssh_trust_on_first_use: defaulted("bool", "Accept and record an unknown host key on first connect (default false)."),
      power_state: defaulted("string", "Desired power state: on or off (default on)."),
      role: optional("string", "What the host is for: controller, compute, storage, proxy."),
      apt_proxy: optional("string", "HTTP proxy for apt on the host."),
      apt_mirror: optional("string", "Debian mirror URL the host's apt uses."),
      extra_hosts: optional(["map", "string"], "Extra /etc/hosts entries: name -> address."),
      sysctl: optional(["map", "string"], "Kernel parameters to set."),
      os_release: computed("string", "PRETTY_NAME from /etc/os-release once the OS is ready."),
      host_key_fingerprint: computed("string", "SHA-256 fingerprint of the host key seen."),
      ssh_connection: computed("string", "How roles reach this host (address, user, key, pinned host key; JSON). Wire it to a role's host_connection.", { sensitive: true }),
    },
    {
      bmc: nested(
        "single",
        block("Baseboard management controller.", {
          type: required("string", "ipmi or redfish."),
          address: required("string", "BMC address."),
          port: defaulted("number", "BMC port (623 for IPMI, 443 for Redfish)."),
          username: required("string", "BMC user."),
          password: required("string", "BMC password.", { sensitive: true }),
          boot_device: optional("string", "Boot device to set before power on: disk, pxe, cdrom."),
        }),
        { max_items: 1 },
      ),
    },
    ["name"],
  ),

  polyvisor_control_plane: resource(
    "OpenStack control plane services on one host: database, queue, keystone, placement, nova, glance, neutron, cinder.",
    {
      id: computed("string", "Control plane id."),
      region: required("string", "Region name."),
      release: required("string", "OpenStack release (zed, 2023.1, ...)."),
      public_address: required("string", "Address the API endpoints are published on."),
      services_enabled: optional(["list", "string"], "OpenStack services to run (keystone, nova, glance, ...)."),
      bootstrap_commands: optional(["list", "string"], "Idempotent commands run after files are in place (db syncs, keystone bootstrap)."),
      admin_password: computed("string", "Keystone admin password.", { sensitive: true }),
      keystone_url: computed("string", "Keystone v3 public URL."),
      ...roleAttributes,
    },
    { files: fileBlock },
    ["host_id", "release"],
  ),

  polyvisor_compute_node: resource(
    "A nova-compute service for one hypervisor driver, with only that driver's config.",
    {
      id: computed("string", "Compute node id."),
      name: required("string", "Node name (nova's `host`)."),
      driver: required("string", "polyvisor driver id (libvirt-qemu-x86, vmware, hyperv, ...)."),
      compute_driver: required("string", "nova `compute_driver` value."),
      release: required("string", "OpenStack release."),
      deployment: required("string", "Where nova-compute runs: on-host, in-guest or proxy."),
      hypervisor_host_id: optional("string", "in-guest: id of the polyvisor_host of the bare-metal hypervisor whose guest (e.g. a XenServer domU) runs nova-compute."),
      out_of_tree_code: optional(["list", "string"], "Code outside Debian's nova the driver needs before configuration, as via:name (pip:compute-hyperv, git:nova-docker, msi:...)."),
      metering_inspector: optional("string", "Ceilometer compute agent `hypervisor_inspector` (libvirt, vsphere, hyperv, xenapi); unset when the driver has none."),
      bootstrap_commands: optional(["list", "string"], "Idempotent commands run after files are in place, before services start (OVS bridges, libvirt preparation)."),
      hypervisor_type: computed("string", "Hypervisor type nova reports."),
      service_state: computed("string", "nova-compute service state (up/down) after apply."),
      ...roleAttributes,
    },
    {
      files: fileBlock,
      cluster: nested(
        "single",
        block("proxy: the cluster behind the cluster manager this nova-compute speaks for (vCenter cluster, z/VM system).", {
          name: required("string", "Cluster name as the manager knows it."),
          manager_address: required("string", "Address of the cluster manager (vCenter, z/VM cloud connector)."),
          host_count: required("number", "Hypervisor hosts in the cluster."),
          shared_storage: optional("string", "Shared storage every host of the cluster sees (datastore, disk pool); polyvisor refuses a cluster without it at synth."),
        }),
        { max_items: 1 },
      ),
    },
    ["host_id", "driver", "compute_driver", "deployment", "hypervisor_host_id"],
  ),

  polyvisor_aggregate: resource(
    "A nova host aggregate, optionally exposed as an availability zone.",
    {
      id: computed("string", "Aggregate id."),
      name: required("string", "Aggregate name."),
      availability_zone: optional("string", "Availability zone name."),
      metadata: optional(["map", "string"], "Aggregate metadata (matched by flavor extra specs)."),
      hosts: optional(["list", "string"], "Compute node names in the aggregate."),
    },
    { auth: authBlock },
    [],
  ),

  polyvisor_flavor: resource(
    "A nova flavor. Flavors are immutable upstream: a size change replaces it.",
    {
      id: computed("string", "Flavor id."),
      name: required("string", "Flavor name."),
      vcpus: required("number", "vCPUs."),
      ram_mb: required("number", "RAM in MiB."),
      disk_gb: required("number", "Root disk in GiB (0 for volume-backed)."),
      ephemeral_gb: defaulted("number", "Ephemeral disk in GiB."),
      is_public: defaulted("bool", "Visible to every project (default true)."),
      extra_specs: optional(["map", "string"], "Extra specs, e.g. aggregate_instance_extra_specs:hypervisor."),
    },
    { auth: authBlock },
    ["name", "vcpus", "ram_mb", "disk_gb", "ephemeral_gb", "is_public"],
  ),

  polyvisor_image: resource(
    "A Glance image with the properties that steer it to the right hypervisor.",
    {
      id: computed("string", "Image id."),
      name: required("string", "Image name."),
      disk_format: required("string", "raw, qcow2, vmdk, vhd, vhdx, iso, ploop, ..."),
      container_format: required("string", "bare, ovf, ova, docker, ..."),
      source_path: optional("string", "Path of the image file on the machine running terraform."),
      source_host_path: optional("string", "Path of the image file on the controller host."),
      hypervisor_type: optional("string", "Glance `hypervisor_type` property."),
      vm_mode: optional("string", "Glance `vm_mode` property (hvm, xen, exe, uml)."),
      properties: optional(["map", "string"], "Other image properties."),
      visibility: defaulted("string", "public, private, shared or community (default public)."),
      checksum: computed("string", "Checksum Glance reports."),
      status: computed("string", "Glance status."),
    },
    { auth: authBlock },
    // source_path replaces too, decided by the handler: an imported image whose checksum matches the
    // file is adopted instead of replaced.
    ["name", "disk_format", "container_format", "source_host_path"],
  ),

  polyvisor_network: resource(
    "A Neutron provider network (flat or VLAN) with an optional subnet.",
    {
      id: computed("string", "Network id."),
      name: required("string", "Network name."),
      network_type: required("string", "flat or vlan (vxlan/gre for tenant networks)."),
      physical_network: optional("string", "Physnet name."),
      segmentation_id: optional("number", "VLAN id."),
      shared: defaulted("bool", "Shared across projects (default true)."),
      cidr: optional("string", "Subnet CIDR."),
      gateway_ip: defaulted("string", "Subnet gateway (default: the one Neutron chooses, the subnet's first address)."),
      enable_dhcp: defaulted("bool", "DHCP on the subnet (default false)."),
      subnet_id: computed("string", "Subnet id."),
    },
    { auth: authBlock },
    ["network_type", "physical_network", "segmentation_id", "cidr"],
  ),

  polyvisor_volume_type: resource(
    "A Cinder volume type tied to a backend by volume_backend_name.",
    {
      id: computed("string", "Volume type id."),
      name: required("string", "Volume type name."),
      volume_backend_name: required("string", "Backend name it schedules to."),
      extra_specs: optional(["map", "string"], "Other extra specs."),
      is_public: defaulted("bool", "Public (default true)."),
    },
    { auth: authBlock },
    ["name"],
  ),

  polyvisor_instance: resource(
    "A server with a declarative power state; a flavor change resizes instead of replacing.",
    {
      id: computed("string", "Server id."),
      name: required("string", "Server name."),
      image_id: required("string", "Image id."),
      flavor_id: required("string", "Flavor id."),
      driver: optional("string", "polyvisor driver id expected to host it (operations are gated on it)."),
      release: optional("string", "OpenStack release (for the capability gate)."),
      availability_zone: defaulted("string", "Availability zone (default: the one nova chooses)."),
      network_ids: defaulted(["list", "string"], "Networks to attach (default and empty: none)."),
      power_state: defaulted("string", "active, shutoff, paused, suspended or shelved (default active)."),
      host: computed("string", "Compute host the server runs on."),
      hypervisor_hostname: computed("string", "Hypervisor it runs on."),
      status: computed("string", "Nova status."),
    },
    { auth: authBlock },
    ["image_id", "availability_zone", "network_ids"],
  ),

  polyvisor_password: resource(
    "A generated service password: created once by the provider, kept only in state, referenced from `secrets`.",
    {
      id: computed("string", "Password id (its name)."),
      name: required("string", "Name of the secret, e.g. NOVA_DB_PASSWORD."),
      length: defaulted("number", "Characters (default 32), drawn from [A-Za-z0-9]."),
      value: computed("string", "The password.", { sensitive: true }),
    },
    {},
    ["name", "length"],
  ),

  polyvisor_rendered_file: resource(
    "A rendered config file written on the machine that runs terraform (for review, CI artifacts and tests).",
    {
      id: computed("string", "Path of the file."),
      path: required("string", "Where to write the file."),
      content: required("string", "File content."),
      mode: defaulted("string", "Octal mode (default 0644)."),
      sha256: computed("string", "SHA-256 of the content on disk (drift shows here)."),
    },
    {},
    ["path"],
  ),
};

export const dataSources: { readonly [type: string]: ResourceDefinition } = {
  polyvisor_support_matrix: resource(
    "Nova's hypervisor support matrix for one release, limited to some drivers.",
    {
      id: computed("string", "release:drivers."),
      release: required("string", "OpenStack release."),
      drivers: optional(["list", "string"], "polyvisor driver ids (default: every driver of the release)."),
      features: optional(["list", "string"], "Feature ids (default: all)."),
      // map(map(string)) would read better, but @cdktf/provider-generator 0.21 emits a binding class for
      // it that cdktf does not have (StringMapMap): one flat map keyed "<driver>/<feature>" instead.
      support: computed(["map", "string"], "Support keyed \"<driver>/<feature>\" (e.g. \"libvirt-lxc/operation.attach-volume\"): complete, partial, missing or unknown."),
    },
  ),
};

export const providerConfig = block("polyvisor provider settings.", {
  parallelism: optional("number", "Hosts worked on at once (default 8)."),
  ssh_connect_timeout_seconds: optional("number", "SSH connect timeout (default 15)."),
  known_hosts_path: optional("string", "Where trust-on-first-use host keys are recorded."),
});

/** The schema in the JSON shape of `terraform providers schema -json`. */
export function providerSchemaJson() {
  const strip = (defs: { readonly [type: string]: ResourceDefinition }) =>
    Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, def.schema]));
  return {
    format_version: "1.0",
    // Read by @cdktf/provider-generator: the bindings then pin `required_providers` to this version,
    // which cdktf requires and the filesystem mirror serves.
    provider_versions: { [PROVIDER_SOURCE]: PROVIDER_VERSION },
    provider_schemas: {
      [PROVIDER_SOURCE]: {
        provider: { version: 0, block: providerConfig },
        resource_schemas: strip(resources),
        data_source_schemas: strip(dataSources),
      },
    },
  };
}
