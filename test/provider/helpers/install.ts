// Builds and installs the provider once per test run with the project's own install script.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDER_VERSION } from "../../../provider/schema";

const REPO = path.resolve(__dirname, "..", "..", "..");
export const CLI_CONFIG = path.join(REPO, ".polyvisor", "terraformrc");

export function installedLauncher(): string {
  return path.join(REPO, ".polyvisor", "mirror", "registry.terraform.io", "polyvisor", "polyvisor", PROVIDER_VERSION, "linux_amd64", `terraform-provider-polyvisor_v${PROVIDER_VERSION}`);
}

let installed = false;

/** Runs scripts/install-provider.sh (tsc + mirror + CLI config) unless this run already did. */
export function installProvider(): void {
  if (installed && fs.existsSync(installedLauncher())) return;
  execFileSync("bash", [path.join(REPO, "scripts", "install-provider.sh")], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
  installed = true;
}
