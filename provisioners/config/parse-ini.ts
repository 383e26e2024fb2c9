// Reads an INI file back into `{section: {key: value}}` (all values as strings), the way
// oslo.config reads it closely enough for tests: `#`/`;` comments, `key = value`, `[section]`.

import { PolyvisorError } from "../errors";

export type ParsedIni = Record<string, Record<string, string>>;

export function parseIni(text: string, file = "ini text"): ParsedIni {
  const out: ParsedIni = {};
  let section: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1];
      out[section] ??= {};
      return;
    }
    const eq = line.indexOf("=");
    if (section === undefined || eq <= 0) {
      throw new PolyvisorError("IniParseError", section === undefined ? "option before any [section]" : "line is not key = value", {
        where: `${file}:${i + 1}`,
        value: raw,
      });
    }
    out[section][line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return out;
}
