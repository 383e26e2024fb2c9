// Inputs a small cloud's renderers share: message bus, Keystone, service users. Passwords are
// secret names only.

import {
  CinderBackend,
  ComputeNovaConfInput,
  DatabaseOptions,
  GLANCE_RESERVED_STORES,
  GlanceStore,
  IniModel,
  KeystoneOptions,
  MessagingOptions,
  ServiceFile,
  ServiceUser,
  cinderConf,
  dhcpAgentConf,
  glanceApiConf,
  keystoneConf,
  metadataAgentConf,
  ml2Conf,
  neutronServerConf,
  ovsAgentConf,
  placementConf,
} from "../../../provisioners/config";
import { DriverId } from "../../../provisioners/drivers";
import { A_RELEASE, VALID_OPTIONS } from "../drivers/fixtures";

export const MESSAGING: MessagingOptions = { hosts: ["10.0.0.10"], user: "openstack", passwordSecret: "rabbit_password" };
export const KEYSTONE: KeystoneOptions = { authUrl: "http://10.0.0.10:5000/v3", region: "RegionOne", memcachedServers: ["10.0.0.10:11211"] };
export const user = (name: string): ServiceUser => ({ username: name, passwordSecret: `${name}_password` });
export const db = (name: string): DatabaseOptions => ({ host: "10.0.0.10", name, user: name, passwordSecret: `${name}_db_password` });

/** A compute node's nova.conf input with the driver's valid fixture options. */
export function computeInput<K extends DriverId>(driver: K, release = A_RELEASE[driver]): ComputeNovaConfInput<K> {
  return {
    release,
    driver,
    driverOptions: VALID_OPTIONS[driver],
    myIp: "10.0.0.21",
    host: `node-${driver}`,
    messaging: MESSAGING,
    keystone: KEYSTONE,
    placementUser: user("placement"),
    neutronUser: user("neutron"),
    lockPath: "/var/lib/nova/tmp",
  };
}

export const BACKENDS: CinderBackend[] = [
  { kind: "lvm", name: "lvm-1", volumeGroup: "cinder-volumes", targetIpAddress: "10.0.0.10" },
  { kind: "rbd", name: "ceph", pool: "volumes", user: "cinder", secretUuid: "457eb676-33da-42ec-9a8c-9293d545c337" },
  { kind: "nfs", name: "nfs", shares: ["nas1:/export/cinder"], mountPointBase: "/var/lib/cinder/mnt" },
  {
    kind: "vmdk",
    name: "vmdk",
    hostIp: "vcenter.example.org",
    username: "cinder",
    passwordSecret: "vc_password",
    clusterNames: ["Cluster1"],
    insecure: true,
  },
  { kind: "smb", name: "smb", shares: ["//fs1/cinder"] },
];
export const STORES: GlanceStore[] = [
  { kind: "file", name: "local", directory: "/var/lib/glance/images" },
  { kind: "rbd", name: "ceph", pool: "images", user: "glance", chunkSizeMb: 8 },
  {
    kind: "swift",
    name: "swift",
    authAddress: "http://10.0.0.10:5000/v3",
    user: "service:glance",
    keySecret: "swift_key",
    createContainerOnPut: true,
  },
  {
    kind: "vsphere",
    name: "vsphere",
    serverHost: "vc.example.org",
    username: "glance",
    passwordSecret: "vc_glance",
    datastores: ["dc1:ds1:100"],
    insecure: true,
  },
];

/** Every non-nova file of a Zed control plane, with its operator-named sections. */
export const ZED_SERVICE_FILES: [ServiceFile, () => IniModel, readonly string[]][] = [
  ["keystone.conf", () => keystoneConf({ release: "zed", database: db("keystone"), memcachedServers: ["10.0.0.10:11211"], debug: true }), []],
  ["placement.conf", () => placementConf({ release: "zed", database: db("placement"), keystone: KEYSTONE, placementUser: user("placement") }), []],
  [
    "neutron.conf",
    () =>
      neutronServerConf({
        release: "zed",
        messaging: MESSAGING,
        database: db("neutron"),
        keystone: KEYSTONE,
        neutronUser: user("neutron"),
        novaUser: user("nova"),
        servicePlugins: ["router"],
        lockPath: "/var/lib/neutron/tmp",
      }),
    [],
  ],
  [
    "ml2_conf.ini",
    () =>
      ml2Conf({
        typeDrivers: ["flat", "vlan", "vxlan"],
        tenantNetworkTypes: ["vxlan"],
        vlanRanges: { physnet1: [{ min: 100, max: 199 }], physnet2: [] },
      }),
    [],
  ],
  [
    "openvswitch_agent.ini",
    () =>
      ovsAgentConf({
        bridgeMappings: { physnet1: "br-vlan" },
        localIp: "10.0.0.21",
        tunnelTypes: ["vxlan"],
        datapathType: "netdev",
        ovsdbConnection: "tcp:127.0.0.1:6640",
        l2Population: true,
      }),
    [],
  ],
  ["dhcp_agent.ini", () => dhcpAgentConf({ ovsdbConnection: "tcp:127.0.0.1:6640", dnsmasqDnsServers: ["10.0.0.1"] }), []],
  ["metadata_agent.ini", () => metadataAgentConf({ novaMetadataHost: "10.0.0.10", novaMetadataPort: 8775, sharedSecret: "metadata_secret" }), []],
  [
    "cinder.conf",
    () =>
      cinderConf({
        release: "zed",
        myIp: "10.0.0.10",
        messaging: MESSAGING,
        database: db("cinder"),
        keystone: KEYSTONE,
        cinderUser: user("cinder"),
        backends: BACKENDS,
        defaultVolumeType: "lvm-1",
      }),
    BACKENDS.map((b) => b.name),
  ],
  [
    "glance-api.conf",
    () =>
      glanceApiConf({
        release: "zed",
        database: db("glance"),
        keystone: KEYSTONE,
        glanceUser: user("glance"),
        stores: STORES,
        containerFormats: ["bare", "ova", "docker"],
        diskFormats: ["raw", "qcow2", "vmdk", "vhd", "vhdx", "iso"],
      }),
    [...STORES.map((s) => s.name), ...GLANCE_RESERVED_STORES],
  ],
];
