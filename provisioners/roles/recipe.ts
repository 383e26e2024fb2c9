// The shape of a host role recipe: everything a provisioner needs to take a freshly booted Debian
// host to a running OpenStack role, as plain data. No SSH here: the stage engine executes it.
//
// Placeholders inside strings (file values, step commands, env values):
//   ${secret:NAME}  a generated password; NAME must be listed in the recipe's `secrets`.
//   ${param:NAME}   a per-host or per-cloud value; NAME must be listed in the recipe's `params`.
// The engine substitutes them just before use and never logs the substituted text.

/** Roles a host can play in a Zed cloud. */
export type RoleName = "controller" | "compute-qemu" | "compute-lxc" | "compute-fake";

/** One debconf answer, fed to `debconf-set-selections` before packages are installed. */
export interface DebconfAnswer {
  readonly owner: string;
  readonly question: string;
  readonly type: "boolean" | "string" | "password" | "select";
  readonly value: string;
}

/**
 * How a file is written. `ini`: oslo/MySQL style `[section]` + `key = value`. `keyValue`: no
 * sections (libvirt's *.conf); use the single section "" and give values in the file's own syntax
 * (libvirt wants `"none"` with quotes). `ovsdb` is not a file: see steps.
 */
export type ConfigFormat = "ini" | "keyValue";

export interface ConfigFile {
  readonly format: ConfigFormat;
  /** Octal string; files that hold secrets are 0640 or tighter. */
  readonly mode: string;
  readonly owner: string;
  readonly group: string;
  /**
   * `replace`: the rendered file is the whole file. `merge`: keys are set inside the file the
   * package shipped, everything else kept (used where the package file carries paths we must keep).
   */
  readonly strategy: "replace" | "merge";
  /** section -> key -> value. Values are strings exactly as they appear after `key = `. */
  readonly sections: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A command whose exit code proves something. Run on the role's host as root. */
export interface Check {
  readonly command: string;
  /** Seconds to keep retrying (every 2 s) before the check counts as failed. */
  readonly timeoutSeconds: number;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServiceSpec {
  /** systemd unit name without `.service`. */
  readonly unit: string;
  /** Start order: lower first; services with the same order may start together. */
  readonly order: number;
  /** Files whose change requires a restart of this service. */
  readonly restartOn: readonly string[];
  readonly health: Check;
}

/**
 * One idempotent bootstrap step: safe to run again on a host where it already ran.
 * `okExitCodes` lists exit codes that mean success (e.g. `nova-manage cell_v2 create_cell` exits 2
 * when the cell exists).
 */
export interface BootstrapStep {
  readonly id: string;
  readonly description: string;
  /**
   * When the step runs (the order proven on real hosts):
   * - `prepare`: after packages, before any file is written;
   * - `configure`: after every file is written, before this recipe starts any service;
   * - `bootstrap`: in list order; before each step the engine starts (in `order`) every service
   *   in `needs` that is not running yet and waits for its health check. Services no bootstrap
   *   step needs start after the last bootstrap step, in `order`;
   * - `finalize`: once every host of the cloud has all its services healthy (e.g. mapping the
   *   compute hosts into cell1 on the controller).
   */
  readonly phase: "prepare" | "configure" | "bootstrap" | "finalize";
  /** Services (units of this recipe) that must be healthy before the step runs. */
  readonly needs: readonly string[];
  readonly command: string;
  /** Environment for the command; secrets go here, not in the command line (argv is world-readable). */
  readonly env?: Readonly<Record<string, string>>;
  readonly okExitCodes: readonly number[];
  /** Shell command whose exit 0 means the step is already done (skip it). Optional. */
  readonly doneWhen?: string;
}

export interface RoleRecipe {
  readonly release: "zed";
  readonly role: RoleName;
  readonly summary: string;
  /** Debian 12 packages, installed with apt-get `--no-install-recommends`. */
  readonly packages: readonly string[];
  readonly debconf: readonly DebconfAnswer[];
  /**
   * Maintainer scripts must not start services while packages install (the engine writes a
   * `/usr/sbin/policy-rc.d` that exits 101 for the install, and removes it before starting units).
   */
  readonly policyRcD: "deny-during-install";
  readonly secrets: readonly string[];
  readonly params: readonly string[];
  readonly files: Readonly<Record<string, ConfigFile>>;
  readonly steps: readonly BootstrapStep[];
  readonly services: readonly ServiceSpec[];
  /** Units the packages enable that this role must keep stopped and disabled. */
  readonly disabledUnits: readonly string[];
  /**
   * Device nodes the host must expose beyond a container's defaults (a systemd-nspawn test host
   * gets them with `--bind=DEV`). Loop devices: a few free `/dev/loopN` besides `/dev/loop-control`.
   */
  readonly hostDevices: readonly string[];
}
