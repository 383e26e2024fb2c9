import { IConstruct } from "constructs";

export const POLYVISOR_VERSION = "0.1.0";

/** Header text: who generated the file, for which construct and service. Never a timestamp. */
export function generatedBy(scope: IConstruct, service: string): string {
  return `polyvisor ${POLYVISOR_VERSION} / ${scope.node.path} ${service}`;
}
