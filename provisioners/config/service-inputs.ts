// Typed inputs shared by the renderers: how a service reaches the message bus, its database and
// Keystone. Passwords are always secret NAMES; the rendered file carries `${secret:NAME}`.

import { Release } from "../drivers/release";

export interface MessagingOptions {
  /** RabbitMQ hosts as host or host:port (default port 5672). */
  readonly hosts: readonly string[];
  readonly user: string;
  readonly passwordSecret: string;
  /** Virtual host (default "/"). */
  readonly vhost?: string;
}

export interface DatabaseOptions {
  /** SQLAlchemy dialect+driver, default mysql+pymysql. */
  readonly dialect?: "mysql+pymysql" | "postgresql+psycopg2";
  readonly host: string;
  readonly name: string;
  readonly user: string;
  readonly passwordSecret: string;
}

/** A Keystone user a service authenticates as (keystoneauth `password` plugin). */
export interface ServiceUser {
  readonly username: string;
  readonly passwordSecret: string;
  /** Default: service. */
  readonly projectName?: string;
  /** Default: Default. */
  readonly userDomainName?: string;
  readonly projectDomainName?: string;
}

export interface KeystoneOptions {
  /** Keystone URL services authenticate against, with /v3 (e.g. http://ctl:5000/v3). */
  readonly authUrl: string;
  /** URL clients are sent to (`www_authenticate_uri`), default authUrl without /v3. */
  readonly publicUrl?: string;
  readonly region: string;
  /** memcached host:port list for token caching. */
  readonly memcachedServers?: readonly string[];
}

/** Settings every OpenStack service file shares. */
export interface CommonServiceOptions {
  readonly release: Release;
  /** `[DEFAULT] debug`. */
  readonly debug?: boolean;
  /** `[DEFAULT] log_dir`; unset logs to stderr/journal. */
  readonly logDir?: string;
  /** `[oslo_concurrency] lock_path`. */
  readonly lockPath?: string;
}
