// How every service of the cloud reaches the message bus, the databases and Keystone, in the
// config layer's own input types. Passwords are secret NAMES: the files carry placeholders and the
// values come from generated polyvisor_password resources.
import type { DatabaseOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "../../../provisioners/config/service-inputs";
import type { CloudContext } from "../cloud-lookup";

export function messaging(cloud: CloudContext): MessagingOptions {
  return { hosts: [cloud.controlPlane.host.address], user: "openstack", passwordSecret: "rabbit_password" };
}

export function keystone(cloud: CloudContext): KeystoneOptions {
  return { authUrl: cloud.controlPlane.endpoints.identity, region: cloud.region };
}

/** The Keystone user of an OpenStack service (nova, neutron, placement, ...). */
export function serviceUser(name: string): ServiceUser {
  return { username: name, passwordSecret: `${name}_service_password` };
}

/** A service's database on the controller (database and user named after it). */
export function database(cloud: CloudContext, name: string, user = name): DatabaseOptions {
  return { host: cloud.controlPlane.host.address, name, user, passwordSecret: `${user}_db_password` };
}
