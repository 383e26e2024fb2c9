// uwsgi ini files for the OpenStack APIs Debian runs under uwsgi (keystone, placement, glance,
// cinder, neutron). uwsgi reads `key = value` lines of an [uwsgi] section, so the same INI model and
// renderer apply. `add-header = Connection: close` is on by default: without it, clients of these
// services got connection resets on this machine's Zed install.

import { IniModel, defined } from "./ini-model";

export interface UwsgiInput {
  /** The WSGI entry point (Debian: e.g. /usr/bin/keystone-wsgi-public). */
  readonly wsgiFile: string;
  /** host:port to serve HTTP on. */
  readonly httpSocket: string;
  readonly processes?: number;
  readonly threads?: number;
  /** Unix user/group the workers run as. */
  readonly uid?: string;
  readonly gid?: string;
  readonly logTo?: string;
  /** Default true: send `Connection: close` on every response. */
  readonly connectionClose?: boolean;
}

export function uwsgiIni(input: UwsgiInput): IniModel {
  return {
    uwsgi: defined({
      "wsgi-file": input.wsgiFile,
      "http-socket": input.httpSocket,
      processes: input.processes ?? 2,
      threads: input.threads ?? 1,
      uid: input.uid,
      gid: input.gid,
      logto: input.logTo,
      master: true,
      "die-on-term": true,
      "exit-on-reload": true,
      "lazy-apps": true,
      "add-header": input.connectionClose === false ? undefined : "Connection: close",
    }),
  };
}
