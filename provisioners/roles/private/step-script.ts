// Shell text for one recipe step as a bootstrap command (run with `sh -e -s`, secrets filled on the
// host side). POSIX sh only: the provider's shell is dash on Debian.

import { quote } from "../../ssh/shell";

export interface StepScript {
  readonly id: string;
  readonly description: string;
  /** Lines run first (services the step needs, started and waited for). */
  readonly before: readonly string[];
  readonly doneWhen?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly command: string;
  readonly okExitCodes: readonly number[];
}

/** Seconds one attempt of a provider health check may take (the provider allows 30 s per attempt). */
const ATTEMPT_SECONDS = 25;

/** Starts a unit and waits until its health command passes, or fails naming the unit. */
export function waitForService(unit: string, health: string, timeoutSeconds: number): string {
  return [
    `systemctl start ${quote(unit)}`,
    `pv_waited=0; until ( ${health} ) >/dev/null 2>&1; do pv_waited=$((pv_waited + 2)); if [ "$pv_waited" -ge ${timeoutSeconds} ]; then echo ${quote(`${unit} is not healthy after ${timeoutSeconds} s`)} >&2; systemctl status ${quote(unit)} --no-pager 2>&1 | tail -n 15 >&2; exit 1; fi; sleep 2; done`,
  ].join("\n");
}

/** A health check the provider retries: one attempt keeps trying for up to ATTEMPT_SECONDS. */
export function healthCommand(health: string, timeoutSeconds: number): string {
  const seconds = Math.min(timeoutSeconds, ATTEMPT_SECONDS);
  return `timeout ${seconds} sh -c ${quote(`until ( ${health} ) >/dev/null 2>&1; do sleep 2; done`)}`;
}

export function stepScript(s: StepScript): string {
  const ok = s.okExitCodes.join(" ");
  const exports = Object.entries(s.env).map(([k, v]) => `export ${k}=${quote(v)}`);
  const run = [
    "set +e",
    "(",
    "set -e",
    ...exports,
    s.command,
    ")",
    "pv_rc=$?",
    "set -e",
    `case " ${ok} " in *" $pv_rc "*) echo ${quote(`step ${s.id}: done`)} ;; *) echo "step ${s.id} failed (exit $pv_rc)" >&2; exit "$pv_rc" ;; esac`,
  ];
  const body = s.doneWhen === undefined
    ? run
    : [`if ( ${s.doneWhen} ) >/dev/null 2>&1; then echo ${quote(`step ${s.id}: already done`)}; else`, ...run, "fi"];
  return [`# polyvisor step ${s.id}: ${s.description.replace(/\n/g, " ")}`, ...s.before, ...body].join("\n");
}
