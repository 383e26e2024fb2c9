// A configure step that sets keys inside a file the package shipped (uwsgi ini files carry the
// package's app paths and users), keeping every other line. Idempotent: a key already at its
// value is left as it is, so the file's bytes do not change on a second run.

import type { ConfigFile } from "../recipe";
import { quote } from "../../ssh/shell";

const MERGE_PY = `
import json, os, re, sys
path = sys.argv[1]
sets = json.loads(os.environ["PV_MERGE"])
lines = open(path).read().split("\\n")
for section, keys in sets.items():
    for key, value in keys.items():
        start = next((i for i, l in enumerate(lines) if l.strip() == "[" + section + "]"), None)
        if start is None:
            lines += ["[" + section + "]", key + " = " + value]
            continue
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        hit = next((i for i in range(start + 1, end) if re.match(r"\\s*" + re.escape(key) + r"\\s*=", lines[i])), None)
        if hit is None:
            lines.insert(start + 1, key + " = " + value)
        elif lines[hit] != key + " = " + value:
            lines[hit] = key + " = " + value
text = "\\n".join(lines)
if text != open(path).read():
    open(path + ".polyvisor-new", "w").write(text)
    os.replace(path + ".polyvisor-new", path)
`;

export function mergeCommand(path: string, sections: ConfigFile["sections"], file: ConfigFile): string {
  return [
    `# polyvisor: set ${Object.entries(sections).flatMap(([s, kv]) => Object.keys(kv).map((k) => `[${s}] ${k}`)).join(", ")} in the packaged ${path}`,
    `export PV_MERGE=${quote(JSON.stringify(sections))}`,
    `/usr/bin/python3 - ${quote(path)} <<'PV_MERGE_EOF'${MERGE_PY}PV_MERGE_EOF`,
    `chown ${quote(`${file.owner}:${file.group}`)} ${quote(path)} && chmod ${file.mode} ${quote(path)}`,
  ].join("\n");
}
