// Every request a polyvisor API resource makes goes through `apiCall`, which turns what went wrong
// into one diagnostic an operator can act on: the resource type and name, the step, the attribute
// path it points at (auth.auth_url when keystone cannot be reached, auth when it refuses the
// credentials, auth.region when the catalog has no such endpoint), the URL asked, what the service
// said, and the fix. The password is never part of it (and the provider also blanks every
// sensitive value out of diagnostics).
import { isPolyvisorError, PolyvisorError } from "../../../provisioners/errors";
import { DiagnosticsError, error } from "../../lifecycle/diagnostics";
import { PathStep } from "../../values";
import { AuthSettings, displayUrl } from "./api-auth";

export interface ApiStep {
  /** Resource type, e.g. polyvisor_flavor. */
  readonly typeName: string;
  /** What is being done, e.g. `creating flavor "m1.small"`. */
  readonly step: string;
  readonly auth: AuthSettings;
  /** Attribute a refusal of the request itself points at (e.g. ["hosts"] for add_host). */
  readonly attribute?: readonly PathStep[];
}

interface Target {
  readonly path: readonly PathStep[] | undefined;
  readonly summary: string;
}

/** Where an error points and how it is summarised, by error code. */
const TARGETS: { readonly [code: string]: (s: ApiStep, err: PolyvisorError) => Target } = {
  ApiUnreachable: (s, err) =>
    err.details.where?.includes("/auth/tokens")
      ? { path: ["auth", "auth_url"], summary: `keystone at ${displayUrl(s.auth.authUrl)} did not answer` }
      : { path: ["auth"], summary: `a service endpoint from the catalog of ${displayUrl(s.auth.authUrl)} did not answer` },
  ApiUnauthorized: (s) => ({ path: ["auth"], summary: `keystone at ${displayUrl(s.auth.authUrl)} refused the credentials of user "${s.auth.username}" in project "${s.auth.projectName}"` }),
  EndpointNotFound: (s) => ({ path: ["auth", "region"], summary: `the catalog of ${displayUrl(s.auth.authUrl)} has no endpoint for region "${s.auth.region}"` }),
  ApiBadResponse: (s) => ({ path: ["auth", "auth_url"], summary: `${displayUrl(s.auth.authUrl)} did not answer like keystone v3` }),
};

export function apiFailure(s: ApiStep, err: unknown): unknown {
  if (!isPolyvisorError(err)) return err;
  const target = TARGETS[err.code]?.(s, err) ?? { path: s.attribute, summary: err.code };
  return new DiagnosticsError([
    error(`${s.typeName}: ${s.step} failed: ${target.summary}`, `${err.message} (cloud: ${displayUrl(s.auth.authUrl)})`, target.path),
  ]);
}

export async function apiCall<T>(s: ApiStep, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw apiFailure(s, err);
  }
}

/** Is this the cloud saying the object does not exist (HTTP 404)? */
export function isNotFound(err: unknown): boolean {
  return isPolyvisorError(err, "ApiNotFound");
}
