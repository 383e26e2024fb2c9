// ceilometer.conf of a compute node's polling agent: which inspector polls the hypervisor.
// (Small enough to live here until provisioners/config grows a Ceilometer builder.)
import { IniModel, defined } from "../../../provisioners/config/ini-model";
import { secretRef } from "../../../provisioners/config/secrets";
import type { KeystoneOptions, ServiceUser } from "../../../provisioners/config/service-inputs";
import type { MeteringInspector } from "../../../provisioners/drivers/driver";

export interface CeilometerComputeInput {
  readonly host: string;
  readonly inspector: MeteringInspector;
  /** The node's message bus URL (as rendered into its nova.conf). */
  readonly transportUrl: string;
  readonly keystone: KeystoneOptions;
  readonly user: ServiceUser;
}

export function ceilometerComputeConf(input: CeilometerComputeInput): IniModel {
  return {
    DEFAULT: defined({ host: input.host, hypervisor_inspector: input.inspector, transport_url: input.transportUrl }),
    service_credentials: {
      auth_type: "password",
      auth_url: input.keystone.authUrl,
      username: input.user.username,
      password: secretRef(input.user.passwordSecret),
      project_name: input.user.projectName ?? "service",
      user_domain_name: "Default",
      project_domain_name: "Default",
      region_name: input.keystone.region,
      interface: "internalURL",
    },
  };
}
