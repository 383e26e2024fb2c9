// File modes: parsing, defaults, and the rule that secret-bearing files are 0640 or tighter.

import { PolyvisorError } from "../errors";

export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_SECRET_FILE_MODE = 0o640;
/** Bits a secret-bearing file must not have: group write/exec, any bit for others. */
const SECRET_FORBIDDEN_BITS = 0o037;

export function parseMode(mode: string | undefined, hasSecrets: boolean, where: string): number {
  if (mode === undefined || mode === "") return hasSecrets ? DEFAULT_SECRET_FILE_MODE : DEFAULT_FILE_MODE;
  if (!/^0?[0-7]{3,4}$/.test(mode)) {
    throw new PolyvisorError("FileModeInvalid", "the file mode is not an octal mode", { where, value: mode, allowed: "octal like 0644 or 0640" });
  }
  const value = parseInt(mode, 8);
  if (value > 0o7777) throw new PolyvisorError("FileModeInvalid", "the file mode is out of range", { where, value: mode, allowed: "0000..7777" });
  if (hasSecrets && (value & SECRET_FORBIDDEN_BITS) !== 0) {
    throw new PolyvisorError("SecretFileTooOpen", "a file that contains secrets must be 0640 or tighter", {
      where, value: mode, allowed: "no bits for others and no group write, e.g. 0640 or 0600",
      fix: "set mode to 0640 (or leave it unset: secret-bearing files default to 0640)",
    });
  }
  return value;
}

export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, "0")}`;
}
