import { describe, expect, test } from "vitest";
import {
  CinderBackend,
  GlanceStore,
  cinderConf,
  cinderShareFiles,
  glanceApiConf,
  glanceSwiftConf,
  keystoneConf,
  parseIni,
  placementConf,
  renderIni,
} from "../../../provisioners/config";
import { Release } from "../../../provisioners/drivers";
import { KEYSTONE, MESSAGING, db, user } from "./fixtures";

const parsed = (m: Parameters<typeof renderIni>[0]) => parseIni(renderIni(m, { generatedBy: "t" }));

const BACKENDS: CinderBackend[] = [
  { kind: "lvm", name: "lvm-1", volumeGroup: "cinder-volumes" },
  { kind: "lvm", name: "lvm-2", volumeGroup: "cinder-fast", volumeBackendName: "fast" },
  { kind: "rbd", name: "ceph", pool: "volumes", user: "cinder", secretUuid: "457eb676-33da-42ec-9a8c-9293d545c337" },
  { kind: "nfs", name: "nfs", shares: ["nas1:/export/cinder"] },
  {
    kind: "vmdk",
    name: "vmdk",
    hostIp: "vcenter.example.org",
    username: "cinder",
    passwordSecret: "vcenter_cinder_password",
    clusterNames: ["Cluster1"],
  },
  { kind: "smb", name: "smb", shares: ["//fs1/cinder"] },
];

const cinder = (backends: CinderBackend[], release: Release = "zed") =>
  cinderConf({ release, myIp: "10.0.0.10", messaging: MESSAGING, database: db("cinder"), keystone: KEYSTONE, cinderUser: user("cinder"), backends });

describe("cinder.conf", () => {
  test("given one backend of each kind (two LVM), then each has its own section, driver and volume_backend_name", () => {
    const p = parsed(cinder(BACKENDS));
    expect(p.DEFAULT.enabled_backends).toBe("lvm-1,lvm-2,ceph,nfs,vmdk,smb");
    expect(p["lvm-1"]).toMatchObject({
      volume_driver: "cinder.volume.drivers.lvm.LVMVolumeDriver",
      volume_group: "cinder-volumes",
      volume_backend_name: "lvm-1",
      target_helper: "lioadm",
    });
    expect(p["lvm-2"].volume_backend_name).toBe("fast");
    expect(p.ceph).toMatchObject({
      volume_driver: "cinder.volume.drivers.rbd.RBDDriver",
      rbd_pool: "volumes",
      rbd_secret_uuid: "457eb676-33da-42ec-9a8c-9293d545c337",
    });
    expect(p.nfs.nfs_shares_config).toBe("/etc/cinder/nfs-shares.conf");
    expect(p.vmdk).toMatchObject({ vmware_host_password: "${secret:vcenter_cinder_password}", vmware_cluster_name: "Cluster1" });
    expect(p.smb.volume_driver).toBe("cinder.volume.drivers.windows.smbfs.WindowsSmbfsDriver");
  });

  test("given NFS and SMB backends, then their share files list the shares", () => {
    expect(cinderShareFiles(BACKENDS)).toEqual([
      { path: "/etc/cinder/nfs-shares.conf", content: "nas1:/export/cinder\n" },
      { path: "C:\\OpenStack\\etc\\cinder\\smb-shares.txt", content: "//fs1/cinder\n" },
    ]);
  });

  test.each([
    ["pike", "iscsi_helper"],
    ["queens", "target_helper"],
  ] as const)("given LVM in %s, then the iSCSI helper option is %s", (release, key) => {
    expect(cinder([BACKENDS[0]], release)["lvm-1"][key]).toBe("lioadm");
  });

  test.each([
    [[BACKENDS[0], { ...BACKENDS[1], name: "lvm-1" }], "section name lvm-1"],
    [[BACKENDS[0], { ...BACKENDS[1], volumeBackendName: "lvm-1" }], "volume_backend_name lvm-1"],
  ])("given two backends sharing a name, then DuplicateBackendName (%#)", (backends, what) => {
    expect(() => cinder(backends as CinderBackend[])).toThrow(new RegExp(`DuplicateBackendName.*${what}`));
  });

  test("given no backend, then NoCinderBackend", () => {
    expect(() => cinder([])).toThrow(/NoCinderBackend/);
  });
});

const STORES: GlanceStore[] = [
  { kind: "file", name: "local", directory: "/var/lib/glance/images" },
  { kind: "rbd", name: "ceph", pool: "images", user: "glance" },
  { kind: "swift", name: "swift", authAddress: "http://10.0.0.10:5000/v3", user: "service:glance", keySecret: "glance_swift_key" },
  {
    kind: "vsphere",
    name: "vsphere",
    serverHost: "vcenter.example.org",
    username: "glance",
    passwordSecret: "vcenter_glance_password",
    datastores: ["dc1:ds1:100"],
  },
];

const glance = (stores: GlanceStore[], release: Release = "zed", defaultStore?: string) =>
  glanceApiConf({
    release,
    database: db("glance"),
    keystone: KEYSTONE,
    glanceUser: user("glance"),
    stores,
    defaultStore,
    containerFormats: ["bare", "ova", "docker"],
  });

describe("glance-api.conf", () => {
  test("given four stores on Zed, then enabled_backends names each with its type and each has a section", () => {
    const p = parsed(glance(STORES, "zed", "ceph"));
    expect(p.DEFAULT.enabled_backends).toBe("local:file,ceph:rbd,swift:swift,vsphere:vmware");
    expect(p.glance_store.default_backend).toBe("ceph");
    expect(p.local.filesystem_store_datadir).toBe("/var/lib/glance/images");
    expect(p.ceph).toMatchObject({ rbd_store_pool: "images", rbd_store_user: "glance" });
    expect(p.swift).toMatchObject({ default_swift_reference: "swift", swift_store_config_file: "/etc/glance/glance-swift.conf" });
    expect(p.vsphere).toMatchObject({ vmware_server_password: "${secret:vcenter_glance_password}", vmware_datastores: "dc1:ds1:100" });
    expect(p.os_glance_staging_store.filesystem_store_datadir).toBe("/var/lib/glance/staging");
    expect(p.image_format.container_formats).toBe("bare,ova,docker");
    expect(p.paste_deploy.flavor).toBe("keystone");
  });

  test("given stores before Train, then one [glance_store] with stores and default_store", () => {
    const p = parsed(glance([STORES[0], STORES[1]], "mitaka"));
    expect(p.glance_store).toMatchObject({
      stores: "file,rbd",
      default_store: "file",
      filesystem_store_datadir: "/var/lib/glance/images",
      rbd_store_pool: "images",
    });
    expect(p.DEFAULT?.enabled_backends).toBeUndefined();
  });

  test("given two file stores before Train, then MultipleStoresOfOneKind", () => {
    expect(() => glance([STORES[0], { ...STORES[0], name: "local2" } as GlanceStore], "stein")).toThrow(/MultipleStoresOfOneKind/);
  });

  test("given an unknown default store, then UnknownDefaultStore lists the stores", () => {
    expect(() => glance(STORES, "zed", "nope")).toThrow(/UnknownDefaultStore.*local, ceph, swift, vsphere/);
  });

  test.each(["os_glance_staging_store", "glance_store"])("given a store named %s, then ReservedStoreName", (name) => {
    expect(() => glance([{ ...STORES[0], name } as GlanceStore])).toThrow(/ReservedStoreName/);
  });

  test("given a Swift store, then glance-swift.conf holds its credentials as a placeholder", () => {
    expect(glanceSwiftConf(STORES)).toEqual({
      swift: { auth_address: "http://10.0.0.10:5000/v3", user: "service:glance", key: "${secret:glance_swift_key}", auth_version: "3" },
    });
  });
});

describe("keystone.conf and placement.conf", () => {
  test("given keystone inputs, then database, fernet tokens and the cache are rendered", () => {
    const p = parsed(keystoneConf({ release: "zed", database: db("keystone"), memcachedServers: ["10.0.0.10:11211"] }));
    expect(p.token.provider).toBe("fernet");
    expect(p.database.connection).toBe("mysql+pymysql://keystone:${secret:keystone_db_password}@10.0.0.10/keystone");
    expect(p.cache).toMatchObject({ enabled: "true", memcache_servers: "10.0.0.10:11211" });
  });

  test("given placement inputs, then [placement_database] and keystone auth are rendered", () => {
    const p = parsed(placementConf({ release: "zed", database: db("placement"), keystone: KEYSTONE, placementUser: user("placement") }));
    expect(p.placement_database.connection).toContain("${secret:placement_db_password}");
    expect(p.api.auth_strategy).toBe("keystone");
    expect(p.keystone_authtoken.username).toBe("placement");
  });
});
