// Section builders every renderer shares: transport URL, database URL, keystoneauth and
// keystonemiddleware sections, logging.

import { IniSection, defined } from "../ini-model";
import { secretRef } from "../secrets";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, MessagingOptions, ServiceUser } from "../service-inputs";

export function transportUrl(m: MessagingOptions): string {
  const pw = secretRef(m.passwordSecret, "messaging.passwordSecret");
  const hosts = m.hosts.map((h) => `${m.user}:${pw}@${h.includes(":") ? h : `${h}:5672`}`).join(",");
  const vhost = m.vhost === undefined || m.vhost === "/" ? "" : m.vhost.replace(/^\//, "");
  return `rabbit://${hosts}/${vhost}`;
}

export function databaseUrl(d: DatabaseOptions): string {
  const pw = secretRef(d.passwordSecret, "database.passwordSecret");
  return `${d.dialect ?? "mysql+pymysql"}://${d.user}:${pw}@${d.host}/${d.name}`;
}

/** keystoneauth `password` plugin options, as [placement], [neutron], [nova], [ironic]... take them. */
export function keystoneAuthSection(user: ServiceUser, keystone: KeystoneOptions, where: string): IniSection {
  return {
    auth_type: "password",
    auth_url: keystone.authUrl,
    username: user.username,
    password: secretRef(user.passwordSecret, `${where}.passwordSecret`),
    project_name: user.projectName ?? "service",
    user_domain_name: user.userDomainName ?? "Default",
    project_domain_name: user.projectDomainName ?? "Default",
    region_name: keystone.region,
  };
}

/** [keystone_authtoken] of an API service (keystonemiddleware). */
export function authtokenSection(user: ServiceUser, keystone: KeystoneOptions, where: string): IniSection {
  return defined({
    ...keystoneAuthSection(user, keystone, where),
    www_authenticate_uri: keystone.publicUrl ?? keystone.authUrl.replace(/\/v3\/?$/, ""),
    memcached_servers: keystone.memcachedServers,
  });
}

export function loggingDefaults(c: CommonServiceOptions): IniSection {
  return defined({ debug: c.debug, log_dir: c.logDir });
}

export function lockPathSection(c: CommonServiceOptions, fallback: string): IniSection {
  return { lock_path: c.lockPath ?? fallback };
}

/** [service_user]: nova sends a service token along with the user's (needed by patched Zed cinder). */
export function serviceUserSection(user: ServiceUser, keystone: KeystoneOptions): IniSection {
  // [service_user] takes keystoneauth session and auth options only: no adapter (region_name).
  const { region_name: _region, ...auth } = keystoneAuthSection(user, keystone, "serviceUser");
  return { send_service_user_token: true, ...auth };
}
