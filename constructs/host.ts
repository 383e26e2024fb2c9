// A machine polyvisor manages: reached over SSH with a pinned host key, powered through its BMC.
import { Construct } from "constructs";
import { HostResource } from "./private/bindings";
import { Fn } from "./private/cdktf";
import { findCloud } from "./private/cloud-lookup";
import { fail } from "./private/validation";

export type HostRole = "controller" | "compute" | "storage" | "proxy";
export const HOST_ROLES: readonly HostRole[] = ["controller", "compute", "storage", "proxy"];

export type BmcType = "ipmi" | "redfish";

export interface BmcOptions {
  readonly type: BmcType;
  readonly address: string;
  /** Default 623 for IPMI, 443 for Redfish. */
  readonly port?: number;
  readonly username: string;
  /**
   * Name of the sensitive Terraform variable that holds the BMC password (set it with
   * `TF_VAR_<name>` where terraform runs). The password never appears in the definition.
   */
  readonly passwordVariable?: string;
  /**
   * Or: a file on the machine running terraform that holds the password (read by terraform at plan
   * time, mode 0600 or tighter). Exactly one of passwordVariable and passwordFile.
   */
  readonly passwordFile?: string;
  readonly bootDevice?: "disk" | "pxe" | "cdrom";
}

export interface HostOptions {
  /** Hostname, unique in the cloud. */
  readonly name: string;
  /** Address polyvisor reaches the host at over SSH (and the address services bind to). */
  readonly address: string;
  readonly role?: HostRole;
  readonly sshUser?: string;
  readonly sshPort?: number;
  /** Pinned host public key (`ssh-ed25519 AAAA...`); a mismatch is refused at connect time. */
  readonly sshHostKey?: string;
  /** Path of the SSH private key on the machine running terraform. */
  readonly sshPrivateKeyPath?: string;
  /**
   * Accept the key the host presents on first connect and pin it from then on. Only for hosts
   * whose key cannot be known beforehand (freshly built test hosts); otherwise pin sshHostKey.
   */
  readonly sshTrustOnFirstUse?: boolean;
  readonly bmc?: BmcOptions;
  readonly aptMirror?: string;
  readonly aptProxy?: string;
  readonly extraHosts?: Readonly<Record<string, string>>;
}

export interface HostProps extends HostOptions {}

const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_KEY = /^(ssh-ed25519|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|ssh-rsa) [A-Za-z0-9+/=]+( .*)?$/;
const TF_VARIABLE = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

export class Host extends Construct {
  readonly name: string;
  readonly address: string;
  readonly role?: HostRole;
  readonly resource: HostResource;

  constructor(scope: Construct, id: string, props: HostProps) {
    super(scope, id);
    if (!HOSTNAME.test(props.name)) {
      fail(this, {
        code: "InvalidHostName", summary: "host name is not a valid hostname label", prop: "name", value: props.name,
        allowed: "lower-case letters, digits and '-', 1-63 characters, not starting or ending with '-'",
        fix: "rename the host",
      });
    }
    if (props.sshHostKey !== undefined && !HOST_KEY.test(props.sshHostKey)) {
      fail(this, {
        code: "InvalidSshHostKey", summary: "SSH host key is not an OpenSSH public key line", prop: "sshHostKey",
        value: props.sshHostKey, allowed: "'<type> <base64>' as in /etc/ssh/ssh_host_ed25519_key.pub",
        fix: "copy the host's public key file's content (ssh-keyscan -t ed25519 HOST)",
      });
    }
    if (props.bmc) checkBmcPassword(this, props.bmc);
    if (props.sshHostKey === undefined && props.sshTrustOnFirstUse !== true) {
      fail(this, {
        code: "HostKeyNotPinned", summary: "the host's SSH key is neither pinned nor explicitly trusted on first use", prop: "sshHostKey",
        allowed: "sshHostKey (the host's public key line), or sshTrustOnFirstUse: true",
        fix: "pin the key (ssh-keyscan -t ed25519 ADDRESS) in the inventory's ssh.host_key",
      });
    }
    this.name = props.name;
    this.address = props.address;
    findCloud(this).register(this);
    this.role = props.role;
    this.resource = new HostResource(this, "Resource", {
      name: props.name,
      address: props.address,
      role: props.role,
      sshUser: props.sshUser,
      sshPort: props.sshPort,
      sshHostKey: props.sshHostKey,
      sshTrustOnFirstUse: props.sshTrustOnFirstUse,
      sshPrivateKeyPath: props.sshPrivateKeyPath,
      aptMirror: props.aptMirror,
      aptProxy: props.aptProxy,
      extraHosts: props.extraHosts ? { ...props.extraHosts } : undefined,
      bmc: props.bmc
        ? {
            type: props.bmc.type,
            address: props.bmc.address,
            port: props.bmc.port,
            username: props.bmc.username,
            password: props.bmc.passwordFile !== undefined
              ? Fn.trimspace(Fn.file(props.bmc.passwordFile))
              : findCloud(this).sensitiveVariable(props.bmc.passwordVariable!, "BMC password"),
            bootDevice: props.bmc.bootDevice,
          }
        : undefined,
    });
  }

  /** Terraform id of the host resource, for roles that run on it. */
  get hostId(): string {
    return this.resource.id;
  }

  /** How roles on this host reach it (sensitive; wired into each role's host_connection). */
  get sshConnection(): string {
    return this.resource.sshConnection;
  }
}

function checkBmcPassword(host: Host, bmc: BmcOptions): void {
  const given = [bmc.passwordVariable, bmc.passwordFile].filter((x) => x !== undefined).length;
  if (given !== 1) {
    fail(host, {
      code: "BmcPasswordSource", summary: "the BMC password needs exactly one source", prop: "bmc",
      value: { passwordVariable: bmc.passwordVariable, passwordFile: bmc.passwordFile },
      allowed: "passwordVariable (a sensitive Terraform variable) or passwordFile (read by terraform)",
      fix: "set one of them; never write the password into the definition",
    });
  }
  if (bmc.passwordVariable !== undefined && !TF_VARIABLE.test(bmc.passwordVariable)) {
    fail(host, {
      code: "InvalidBmcPasswordVariable", summary: "BMC password variable is not a Terraform variable name",
      prop: "bmc.passwordVariable", value: bmc.passwordVariable, allowed: "[a-zA-Z_][a-zA-Z0-9_-]*",
      fix: "name the variable, e.g. bmc_password, and set TF_VAR_bmc_password where terraform runs",
    });
  }
}
