// The parts of nova's API objects polyvisor reads (microversion 2.60 shapes). Fields nova only
// shows to admins are optional.

export type ServerStatus =
  | "ACTIVE"
  | "BUILD"
  | "DELETED"
  | "ERROR"
  | "HARD_REBOOT"
  | "MIGRATING"
  | "PASSWORD"
  | "PAUSED"
  | "REBOOT"
  | "REBUILD"
  | "RESCUE"
  | "RESIZE"
  | "REVERT_RESIZE"
  | "SHELVED"
  | "SHELVED_OFFLOADED"
  | "SHUTOFF"
  | "SOFT_DELETED"
  | "SUSPENDED"
  | "UNKNOWN"
  | "VERIFY_RESIZE";

export interface Fault {
  readonly code: number;
  readonly message: string;
  readonly details?: string;
  readonly created: string;
}

export interface Server {
  readonly id: string;
  readonly name: string;
  readonly status: ServerStatus;
  readonly "OS-EXT-STS:task_state"?: string | null;
  readonly "OS-EXT-STS:vm_state"?: string;
  readonly "OS-EXT-STS:power_state"?: number;
  readonly "OS-EXT-SRV-ATTR:host"?: string | null;
  readonly "OS-EXT-SRV-ATTR:hypervisor_hostname"?: string | null;
  readonly "OS-EXT-AZ:availability_zone"?: string;
  readonly flavor: { readonly id?: string; readonly original_name?: string; readonly vcpus?: number; readonly ram?: number; readonly disk?: number };
  readonly image: { readonly id: string } | "";
  readonly fault?: Fault;
  readonly addresses?: { readonly [network: string]: readonly { readonly addr: string }[] };
  readonly metadata?: { readonly [key: string]: string };
}

export interface NewServer {
  readonly name: string;
  readonly imageRef: string;
  readonly flavorRef: string;
  /** Network ids; empty or undefined sends `networks: "none"` (microversion >= 2.37). */
  readonly networks?: readonly string[];
  readonly availability_zone?: string;
  readonly metadata?: { readonly [key: string]: string };
  readonly key_name?: string;
}

export interface Flavor {
  readonly id: string;
  readonly name: string;
  readonly vcpus: number;
  readonly ram: number;
  readonly disk: number;
  readonly "OS-FLV-EXT-DATA:ephemeral"?: number;
  readonly "os-flavor-access:is_public"?: boolean;
  readonly extra_specs?: { readonly [key: string]: string };
}

export interface NewFlavor {
  readonly name: string;
  readonly vcpus: number;
  readonly ram: number;
  readonly disk: number;
  readonly id?: string;
  readonly "OS-FLV-EXT-DATA:ephemeral"?: number;
  readonly "os-flavor-access:is_public"?: boolean;
}

export interface Hypervisor {
  readonly id: string | number;
  readonly hypervisor_hostname: string;
  readonly hypervisor_type?: string;
  readonly hypervisor_version?: number;
  readonly state?: "up" | "down";
  readonly status?: "enabled" | "disabled";
  readonly cpu_info?: string | { readonly arch?: string };
  readonly service?: { readonly host: string; readonly id: string | number };
}

export interface ComputeService {
  readonly id: string | number;
  readonly binary: string;
  readonly host: string;
  readonly zone?: string;
  readonly status: "enabled" | "disabled";
  readonly state: "up" | "down";
  readonly disabled_reason?: string | null;
  readonly forced_down?: boolean;
}

export interface Aggregate {
  readonly id: number;
  readonly uuid?: string;
  readonly name: string;
  readonly availability_zone: string | null;
  readonly hosts: readonly string[];
  readonly metadata: { readonly [key: string]: string };
}

export interface VolumeAttachment {
  readonly id: string;
  readonly volumeId: string;
  readonly serverId: string;
  readonly device?: string;
}

export interface InstanceAction {
  readonly action: string;
  readonly request_id: string;
  readonly start_time: string;
  readonly message: string | null;
  readonly events?: readonly { readonly event: string; readonly result: string | null; readonly traceback?: string | null }[];
}

export interface Migration {
  readonly id: number;
  readonly status: string;
  readonly source_compute?: string;
  readonly dest_compute?: string;
  readonly migration_type?: string;
}

export interface AvailabilityZone {
  readonly zoneName: string;
  readonly zoneState: { readonly available: boolean };
  readonly hosts?: { readonly [host: string]: unknown } | null;
}
