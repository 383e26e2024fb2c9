// What an OpenStack API said when it refused a request, as a PolyvisorError. The message names the
// request (method and path, never headers or bodies, so never a token or password), the HTTP
// status and the service's own explanation, and says what to try next.

import { PolyvisorError } from "../errors";
import { serviceMessage } from "./private/service-message";

/** Stable error codes by HTTP status; anything else is `ApiRequestFailed`. */
const CODE_BY_STATUS: { readonly [status: number]: string } = {
  400: "ApiBadRequest",
  401: "ApiUnauthorized",
  403: "ApiForbidden",
  404: "ApiNotFound",
  409: "ApiConflict",
  413: "ApiOverLimit",
  503: "ApiUnavailable",
};

const FIX_BY_STATUS: { readonly [status: number]: string } = {
  400: "correct the request's arguments as the service's message says",
  401: "check OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME and the domains (or the stack outputs file)",
  403: "use credentials with the admin role for this project (policy refused the call)",
  404: "check the name or id; list what exists with the matching `polyvisor` or `openstack` list command",
  409: "wait for the resource's current task to finish (or fix its state) and retry",
  413: "raise the project's quota or free resources",
  503: "check that the service is running and registered in the catalog",
};

export interface ApiRequest {
  /** Service type from the catalog (compute, image, network, volumev3, placement, identity). */
  readonly service: string;
  readonly method: string;
  /** Path and query of the URL, without scheme, host or credentials. */
  readonly path: string;
}

export class OpenStackApiError extends PolyvisorError {
  readonly status: number;
  readonly request: ApiRequest;
  readonly serviceMessage: string;

  constructor(status: number, request: ApiRequest, message: string) {
    const code = CODE_BY_STATUS[status] ?? "ApiRequestFailed";
    super(code, `${request.service} answered HTTP ${status}: ${message}`, {
      where: `${request.method} ${request.path}`,
      fix: FIX_BY_STATUS[status] ?? "see the service's log for the request; retry once the service is healthy",
    });
    this.status = status;
    this.request = request;
    this.serviceMessage = message;
  }

  /** Builds the error from a failed response's body text (JSON in any OpenStack dialect, or text). */
  static fromResponse(status: number, request: ApiRequest, bodyText: string): OpenStackApiError {
    return new OpenStackApiError(status, request, serviceMessage(bodyText) || `HTTP ${status} with no message`);
  }
}

/** The endpoint could not be reached at all (connection refused, DNS, timeout). */
export function unreachable(request: ApiRequest, cause: unknown): PolyvisorError {
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  return new PolyvisorError("ApiUnreachable", `${request.service} did not answer: ${reason}`, {
    where: `${request.method} ${request.path}`,
    fix: "check that the endpoint in the catalog is reachable from here (OS_AUTH_URL, OS_INTERFACE, OS_REGION_NAME)",
  });
}

function describeCause(err: Error): string {
  const inner = (err as { cause?: unknown }).cause;
  if (err.name === "TimeoutError" || err.name === "AbortError") return "request timed out";
  if (inner instanceof Error) return `${err.message} (${(inner as { code?: string }).code ?? inner.message})`;
  return err.message;
}
