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

export async function volumeRef(cloud: OpenStackCloud, nameOrId: string, where: string): Promise<string> {
  if (UUID.test(nameOrId)) return nameOrId;
  const volumes = (await cloud.volumes.volumes({ name: nameOrId })).filter((v) => v.name === nameOrId);
  if (volumes.length === 1) return volumes[0].id;
  throw new PolyvisorError(volumes.length === 0 ? "VolumeNotFound" : "VolumeNameAmbiguous", "cannot pick one volume by this name", {
    where,
    value: nameOrId,
    allowed: volumes.map((v) => v.id).join(", ") || "an existing volume name or id",
    fix: "pass the volume id",
  });
}
