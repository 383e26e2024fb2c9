// Which oslo.config namespaces define the options of each file polyvisor renders, and which
// sections are named by the operator (backends, stores) and so hold the options of a fixed group.
// The data (data/oslo-namespaces.json) is shared with scripts/extract-nova-options.py, which
// extracts the option definitions per file, and is used to run `oslo-config-validator`.

import data from "./data/oslo-namespaces.json";

export type ServiceFile =
  | "nova.conf"
  | "keystone.conf"
  | "placement.conf"
  | "neutron.conf"
  | "ml2_conf.ini"
  | "openvswitch_agent.ini"
  | "dhcp_agent.ini"
  | "metadata_agent.ini"
  | "cinder.conf"
  | "glance-api.conf";

export const SERVICE_FILES: readonly ServiceFile[] = Object.keys(data.namespaces) as ServiceFile[];

export const OSLO_NAMESPACES: { readonly [F in ServiceFile]: readonly string[] } = data.namespaces;

/**
 * Sections an operator names (Cinder backends, Glance stores) take the options of one fixed group:
 * cinder's [backend_defaults], glance's [glance_store]. The validator knows only the fixed group.
 */
export const NAMED_SECTION_GROUP: { readonly [F in ServiceFile]?: string } = data.namedSectionGroup;
