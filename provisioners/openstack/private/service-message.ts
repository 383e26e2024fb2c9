// Every OpenStack service words its errors differently. This pulls the human message out of each
// dialect so that an error shows what the service itself said.
//   nova/cinder:  {"itemNotFound": {"code": 404, "message": "..."}}
//   keystone:     {"error": {"code": 401, "title": "...", "message": "..."}}
//   neutron:      {"NeutronError": {"type": "...", "message": "...", "detail": ""}}
//   placement:    {"errors": [{"status": 409, "title": "...", "detail": "..."}]}
//   glance/webob: plain text or HTML ("404 Not Found\n\nThe resource could not be found.")

const MAX_LENGTH = 500;

export function serviceMessage(bodyText: string): string {
  const text = bodyText.trim();
  if (text === "") return "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return clip(stripHtml(text));
  }
  return clip(fromJson(parsed) ?? text);
}

function fromJson(body: unknown): string | undefined {
  if (!isObject(body)) return typeof body === "string" ? body : undefined;
  if (Array.isArray(body.errors)) {
    return body.errors
      .filter(isObject)
      .map((e) => String(e.detail ?? e.title ?? ""))
      .filter((s) => s !== "")
      .join("; ");
  }
  if (typeof body.message === "string") return body.message;
  for (const value of Object.values(body)) {
    if (isObject(value) && typeof value.message === "string") return value.message;
  }
  return undefined;
}

function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function clip(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}...` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
