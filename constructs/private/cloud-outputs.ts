// The stack outputs `polyvisor instance --cloud-outputs FILE` reads (provisioners/openstack/
// credentials.ts OUTPUT_NAMES): where the cloud's APIs are, the admin credentials (the password a
// sensitive output), the release and which driver runs on each nova host.
import { Lazy, TerraformOutput } from "./cdktf";
import type { OpenStackCloud } from "../cloud";

export function addCloudOutputs(cloud: OpenStackCloud): void {
  const output = (name: string, value: unknown, description: string, sensitive = false) =>
    new TerraformOutput(cloud, `output-${name}`, { value, description, sensitive }).overrideLogicalId(name);
  const cp = cloud.controlPlane;
  output("auth_url", cp.resource.keystoneUrl, "Keystone v3 URL of the cloud");
  output("admin_password", cp.resource.adminPassword, "Keystone admin password", true);
  output("username", "admin", "Keystone admin user");
  output("project_name", "admin", "Keystone admin project");
  output("region", cloud.region, "Region name");
  output("release", cloud.release, "OpenStack release");
  output("instance_ids", Lazy.anyValue({ produce: () => Object.fromEntries(cloud.instances.map((i) => [i.name, i.id])) }), "Id of each server the deploy launched, by name");
  output("driver_by_host", Lazy.anyValue({ produce: () => Object.fromEntries(cloud.computeNodes.map((n) => [n.name, n.driverId])) }), "polyvisor driver id of each nova-compute host");
}
