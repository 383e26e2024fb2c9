// polyvisor_password: a service password generated once by the provider and kept only in state
// (sensitive). Needs no host. It cannot be imported: the value exists nowhere else.
import * as crypto from "node:crypto";
import { resources } from "../schema";
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { PolyvisorError } from "../../provisioners/errors";
import { isUnknown, ObjectValue } from "../values";
import { ResourceHandler } from "./handler";

const DEFAULT_LENGTH = 32;
const MIN_LENGTH = 16;
const MAX_LENGTH = 128;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function generate(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length)) {
      // Reject bytes past the largest multiple of the alphabet size: no modulo bias.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

function validate(config: ObjectValue): Diagnostic[] {
  const n = config.length;
  if (typeof n === "number" && !(Number.isInteger(n) && n >= MIN_LENGTH && n <= MAX_LENGTH)) {
    return [error("polyvisor_password: length out of range", `Got ${n}. Allowed: a whole number from ${MIN_LENGTH} to ${MAX_LENGTH}.`, ["length"])];
  }
  return [];
}

export const password: ResourceHandler = {
  typeName: "polyvisor_password",
  definition: resources.polyvisor_password,
  validate,
  plan({ planned }) {
    const out = { ...planned };
    if (isUnknown(out.length)) out.length = DEFAULT_LENGTH;
    if (typeof out.name === "string") out.id = out.name;
    return { planned: out };
  },
  async create(planned) {
    return { ...planned, id: planned.name, value: generate(planned.length as number) };
  },
  async update(prior, planned) {
    return { ...planned, value: prior.value };
  },
  async delete() {},
  async read(state) {
    return state;
  },
  async import(id) {
    throw new PolyvisorError("ImportNotSupported", "polyvisor_password cannot be imported: its value lives only in terraform state", {
      value: id,
      fix: "let polyvisor generate a new password (and rotate the service), or move the state entry with terraform state mv",
    });
  },
};
