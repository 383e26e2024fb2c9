// keystone.conf and placement.conf: the identity and placement services a control plane needs.

import { IniModel, defined, withoutEmptySections } from "./ini-model";
import { authtokenSection, databaseUrl, loggingDefaults } from "./private/common";
import { CommonServiceOptions, DatabaseOptions, KeystoneOptions, ServiceUser } from "./service-inputs";

export interface KeystoneConfInput extends CommonServiceOptions {
  readonly database: DatabaseOptions;
  /** Token provider (default fernet). */
  readonly tokenProvider?: "fernet" | "jws";
  readonly memcachedServers?: readonly string[];
  /** Public endpoint advertised in responses (`[DEFAULT] public_endpoint`). */
  readonly publicEndpoint?: string;
}

export function keystoneConf(input: KeystoneConfInput): IniModel {
  const cache = input.memcachedServers && input.memcachedServers.length > 0;
  return withoutEmptySections({
    DEFAULT: defined({ ...loggingDefaults(input), public_endpoint: input.publicEndpoint }),
    database: { connection: databaseUrl(input.database) },
    token: { provider: input.tokenProvider ?? "fernet" },
    cache: cache ? { enabled: true, backend: "oslo_cache.memcache_pool", memcache_servers: [...(input.memcachedServers ?? [])] } : {},
  });
}

export interface PlacementConfInput extends CommonServiceOptions {
  readonly database: DatabaseOptions;
  readonly keystone: KeystoneOptions;
  readonly placementUser: ServiceUser;
}

export function placementConf(input: PlacementConfInput): IniModel {
  return withoutEmptySections({
    DEFAULT: loggingDefaults(input),
    placement_database: { connection: databaseUrl(input.database) },
    api: { auth_strategy: "keystone" },
    keystone_authtoken: authtokenSection(input.placementUser, input.keystone, "placementUser"),
  });
}
