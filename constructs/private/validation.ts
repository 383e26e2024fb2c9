// How constructs report mistakes: local checks throw at once from the constructor, cross-construct
// checks are registered with `node.addValidation` and run by `cdktf synth` /
// `Testing.synth(stack, true)`. Both produce a PolyvisorError message that names the construct path
// and prop, the value received, what is allowed and how to fix it, behind a stable code.
import { IConstruct } from "constructs";
import { PolyvisorError } from "../../provisioners/errors";

export interface Problem {
  readonly code: string;
  readonly summary: string;
  readonly prop?: string;
  readonly value?: unknown;
  readonly allowed?: string;
  readonly fix?: string;
}

export function problemError(scope: IConstruct, p: Problem): PolyvisorError {
  const where = p.prop ? `${scope.node.path} (prop ${p.prop})` : scope.node.path;
  return new PolyvisorError(p.code, p.summary, { where, value: p.value, allowed: p.allowed, fix: p.fix });
}

/** Throws at once: for checks that need nothing but the construct's own props. */
export function fail(scope: IConstruct, p: Problem): never {
  throw problemError(scope, p);
}

/** Registers a check that runs at synth time, once the whole cloud is known. */
export function addCheck(scope: IConstruct, check: () => readonly Problem[]): void {
  scope.node.addValidation({
    validate: () => check().map((p) => problemError(scope, p).message),
  });
}
