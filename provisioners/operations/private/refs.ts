// Turning the names operators type into the ids the APIs want.

import { PolyvisorError } from "../../errors";
import type { Flavor, OpenStackCloud } from "../../openstack";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function flavorRef(cloud: OpenStackCloud, nameOrId: string, where: string): Promise<Flavor> {
  const flavor = await cloud.flavors.find(nameOrId);
  if (flavor) return flavor;
  throw new PolyvisorError("FlavorNotFound", "no flavor has this name or id", {
    where,
    value: nameOrId,
    fix: "list flavors with `openstack flavor list --all`",
  });
}

export async function imageRef(cloud: OpenStackCloud, nameOrId: string, where: string): Promise<string> {
  if (UUID.test(nameOrId)) return nameOrId;
  const images = await cloud.images.list({ name: nameOrId });
  if (images.length === 1) return images[0].id;
  throw new PolyvisorError(images.length === 0 ? "ImageNotFound" : "ImageNameAmbiguous", "cannot pick one image by this name", {
    where,
    value: nameOrId,
    allowed: images.map((i) => i.id).join(", ") || "an existing image name or id",
    fix: "pass the image id",
  });
}

/**
 * Resolves a volume through cinder, also when given an id, so that a cloud without a volume service
 * (or a volume that does not exist) is refused before nova is asked to attach anything.
 */
export async function volumeRef(cloud: OpenStackCloud, nameOrId: string, where: string): Promise<string> {
  try {
    if (UUID.test(nameOrId)) {
      const byId = await cloud.volumes.volumeIfExists(nameOrId);
      if (byId) return byId.id;
    }
    const volumes = (await cloud.volumes.volumes({ name: nameOrId })).filter((v) => v.name === nameOrId);
    if (volumes.length === 1) return volumes[0].id;
    throw new PolyvisorError(volumes.length === 0 ? "VolumeNotFound" : "VolumeNameAmbiguous", "cannot pick one volume by this name or id", {
      where,
      value: nameOrId,
      allowed: volumes.map((v) => v.id).join(", ") || "an existing volume name or id",
      fix: volumes.length === 0 ? "list volumes with `openstack volume list`" : "pass the volume id",
    });
  } catch (err) {
    if (err instanceof PolyvisorError && err.code === "EndpointNotFound") {
      throw new PolyvisorError("VolumeServiceMissing", "the cloud has no block-storage (cinder) service, so no volume can be attached", {
        where,
        value: nameOrId,
        allowed: "a cloud with a cinder backend its compute hosts can attach",
        fix: "add a Cinder backend to the cloud (Ceph RBD attaches through QEMU's librbd; LVM/iSCSI needs device-mapper and iSCSI in the compute hosts' kernel)",
      });
    }
    throw err;
  }
}
