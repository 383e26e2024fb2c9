// The one interface polyvisor drives power through, whatever the BMC speaks.

export type PowerState = "on" | "off";
export type BootDevice = "disk" | "pxe" | "cdrom" | "bios";

export interface Bmc {
  /** Which host this BMC belongs to (errors name it). */
  readonly hostName: string;
  powerOn(): Promise<void>;
  /** Hard power off (no guest shutdown). */
  powerOff(): Promise<void>;
  /** Off then on; powers on a host that is off. */
  powerCycle(): Promise<void>;
  powerStatus(): Promise<PowerState>;
  /** Boot device for the next boot (or every boot when persistent). */
  setBootDevice(device: BootDevice, options?: { readonly persistent?: boolean }): Promise<void>;
}

export type BmcType = "ipmi" | "redfish";

export interface BmcDefinition {
  readonly type: BmcType;
  readonly address: string;
  /** 623 for IPMI, 443 for Redfish unless given. */
  readonly port?: number;
  readonly username: string;
  /** The password itself (secret). One of password / passwordFile is required. */
  readonly password?: string;
  /** A file holding the password (mode 0600 or tighter is recommended). */
  readonly passwordFile?: string;
  /** Boot device the power-on stage sets first. */
  readonly bootDevice?: BootDevice;
  /** Redfish: PEM CA bundle that signs the BMC's certificate (default: the system's). */
  readonly caCertificate?: string;
  /** Redfish: accept any certificate (only for BMCs with self-signed certificates on a trusted network). */
  readonly insecureTls?: boolean;
  /** Redfish: the ComputerSystem id (default: the only member of /redfish/v1/Systems). */
  readonly systemId?: string;
  /** Seconds one BMC request may take (default 10). */
  readonly timeoutSeconds?: number;
}

export const DEFAULT_BMC_PORT: { readonly [type in BmcType]: number } = { ipmi: 623, redfish: 443 };
