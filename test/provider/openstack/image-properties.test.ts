// polyvisor_image: only the properties the user set are compared, so what Glance writes itself
// (os_hash_*, stores, os_glance_*) never shows as drift; fields Glance owns cannot be declared.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import type { Image } from "../../../provisioners/openstack";
import { image, imageState, sourceReplaces } from "../../../provider/resources";
import { propertyKind } from "../../../provider/resources/private/glance-properties";
import { ObjectValue } from "../../../provider/values";
import { context } from "./support";

/** An image as Glance 25 (Zed) shows it after an upload with the file store. */
const glanceImage: Image = {
  id: "0b5e2c6e-6a0e-4a8e-9b7b-2f1f3c1d2e3f", name: "cirros", status: "active", disk_format: "qcow2", container_format: "bare",
  visibility: "public", protected: false, checksum: "443b7623e27ecf03dc9e01ee93f67afe", size: 12716032, virtual_size: 117440512,
  owner: "a1b2", min_ram: 0, min_disk: 0, created_at: "2026-11-21T06:00:00Z", updated_at: "2026-11-21T06:00:01Z", tags: [],
  os_hidden: false, os_hash_algo: "sha512", os_hash_value: "6b81...", stores: "file", file: "/v2/images/x/file", schema: "/v2/schemas/image",
  self: "/v2/images/x", os_glance_importing_to_stores: "", os_glance_failed_import: "",
  hypervisor_type: "qemu", vm_mode: "hvm", hw_disk_bus: "virtio", owner_specified_by: "ops",
};

const prior: ObjectValue = {
  id: glanceImage.id, name: "cirros", disk_format: "qcow2", container_format: "bare", source_path: "/images/cirros.qcow2",
  source_host_path: null, hypervisor_type: "qemu", vm_mode: null, properties: { hw_disk_bus: "virtio" }, visibility: "public",
  checksum: glanceImage.checksum as string, status: "active", auth: null,
};

describe("polyvisor_image properties", () => {
  test("given an image with Glance's own fields and an unset vm_mode, when read, then state equals what the user declared (no drift)", () => {
    expect(imageState(glanceImage, prior)).toEqual(prior);
  });

  test("given a declared property changed by hand, when read, then the drift shows on that key only", () => {
    const state = imageState({ ...glanceImage, hw_disk_bus: "ide", os_hash_value: "changed" }, prior);
    expect(state.properties).toEqual({ hw_disk_bus: "ide" });
  });

  test("given a declared property removed by hand, when read, then it is missing from state (the plan sets it again)", () => {
    const { hw_disk_bus: _gone, ...rest } = glanceImage;
    expect(imageState(rest as Image, prior).properties).toEqual({});
  });

  test("given an import, when the state is built, then every custom property and no Glance field is reported", () => {
    const state = imageState(glanceImage, { auth: null }, true);
    expect(state.properties).toEqual({ hw_disk_bus: "virtio", owner_specified_by: "ops" });
    expect([state.hypervisor_type, state.vm_mode]).toEqual(["qemu", "hvm"]);
  });

  test.each([
    ["os_hash_value", "glance"],
    ["stores", "glance"],
    ["os_glance_import_task", "glance"],
    ["checksum", "glance"],
    ["hypervisor_type", "attribute"],
    ["vm_mode", "attribute"],
    ["hw_disk_bus", "user"],
    ["os_distro", "user"],
  ])("given the key %s, when classified, then it is %s-owned", (key, kind) => {
    expect(propertyKind(key)).toBe(kind);
  });

  test.each([["os_hash_algo"], ["stores"], ["hypervisor_type"], ["os_glance_x"]])(
    "given properties setting %s, when validated, then the diagnostic points at that map key",
    async (key) => {
      const diags = await image.validate!({ ...prior, properties: { [key]: "x" } }, context());
      expect(diags.map((d) => d.path)).toEqual([["properties", { key }]]);
    },
  );

  test("given only a property changed, when planned, then it is an in-place update that keeps checksum and status", async () => {
    const change = { ...prior, properties: { hw_disk_bus: "scsi" } };
    const res = await image.plan!({ prior, config: change, proposed: change, planned: { ...change, checksum: null, status: null } }, context());
    expect(res.requiresReplace).toEqual([]);
    expect([res.planned.checksum, res.planned.status]).toEqual([prior.checksum, "active"]);
  });
});

describe("polyvisor_image source_path", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-img-"));
  const file = path.join(dir, "disk.img");
  fs.writeFileSync(file, "not really a disk");
  const md5 = crypto.createHash("md5").update("not really a disk").digest("hex");

  test("given a new source_path, when planned, then the image is replaced", () => {
    expect(sourceReplaces(prior, { ...prior, source_path: file })).toBe(true);
  });

  test("given an imported image (no source_path) whose checksum is the file's MD5, when planned, then it is adopted, not replaced", () => {
    expect(sourceReplaces({ ...prior, source_path: null, checksum: md5 }, { ...prior, source_path: file })).toBe(false);
  });

  test("given an imported image whose checksum differs from the file, when planned, then it is replaced", () => {
    expect(sourceReplaces({ ...prior, source_path: null, checksum: "0".repeat(32) }, { ...prior, source_path: file })).toBe(true);
  });
});
