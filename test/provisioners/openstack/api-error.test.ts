import { describe, expect, test } from "vitest";
import { OpenStackApiError } from "../../../provisioners/openstack";

const request = { service: "compute", method: "POST", path: "/v2.1/servers/abc/action" };

describe("OpenStackApiError.fromResponse", () => {
  test.each([
    ["nova", 409, '{"conflictingRequest": {"code": 409, "message": "Cannot \'pause\' instance abc while it is in vm_state stopped"}}', "ApiConflict", "while it is in vm_state stopped"],
    ["keystone", 401, '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}', "ApiUnauthorized", "requires authentication"],
    ["neutron", 404, '{"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}}', "ApiNotFound", "Network x could not be found."],
    ["placement", 409, '{"errors": [{"status": 409, "title": "Conflict", "detail": "resource provider generation conflict"}]}', "ApiConflict", "generation conflict"],
    ["glance", 404, "<html><body><h1>404 Not Found</h1>The resource could not be found.</body></html>", "ApiNotFound", "404 Not Found The resource could not be found."],
    ["any", 500, "", "ApiRequestFailed", "HTTP 500 with no message"],
  ])("given a %s error body with status %i, then the code is %s and the service's message is kept", (_svc, status, body, code, text) => {
    const err = OpenStackApiError.fromResponse(status, request, body);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.serviceMessage).toContain(text);
    expect(err.message).toContain("POST /v2.1/servers/abc/action");
    expect(err.message).toContain(`HTTP ${status}`);
  });
});
