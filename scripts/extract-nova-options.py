#!/usr/bin/python3
"""Extract the option definitions (types, choices, min/max) of every file polyvisor renders, from
Debian 12's installed OpenStack (Zed): nova.conf, keystone.conf, placement.conf, neutron.conf, the
ML2/OVS/DHCP/metadata agent files, cinder.conf and glance-api.conf.

Writes provisioners/config/data/zed/<file>.json, the data polyvisor's synth-time value check reads
(oslo-config-validator itself only checks option NAMES, not values). The namespaces per file come
from provisioners/config/data/oslo-namespaces.json.

Run after scripts/setup-oslo-validator.sh:  /usr/bin/python3 scripts/extract-nova-options.py
The output is deterministic (sorted keys, no timestamps): re-running on the same packages gives the
same files.
"""
import json
import os
import subprocess
import sys
import tempfile

TYPES = {
    "string value": "string",
    "integer value": "integer",
    "boolean value": "boolean",
    "list value": "list",
    "floating point value": "float",
    "port value": "port",
    "uri value": "uri",
    "multi valued": "multi",
    "host address value": "hostAddress",
    "host domain value": "hostDomain",
    "hostname value": "hostname",
    "dict value": "dict",
    "ip address value": "ipAddress",
    "IP address value": "ipAddress",
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "provisioners", "config", "data")
OUT_DIR = os.path.join(DATA, "zed")

# Debian package whose version is recorded for each file's options.
PACKAGE = {
    "nova.conf": "python3-nova",
    "keystone.conf": "python3-keystone",
    "placement.conf": "python3-placement",
    "neutron.conf": "python3-neutron",
    "ml2_conf.ini": "python3-neutron",
    "openvswitch_agent.ini": "python3-neutron",
    "dhcp_agent.ini": "python3-neutron",
    "metadata_agent.ini": "python3-neutron",
    "cinder.conf": "python3-cinder",
    "glance-api.conf": "python3-glance",
}


def package_version(name):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
    return out.stdout.strip() or None


def generate(namespaces):
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        cmd = ["/usr/bin/oslo-config-generator", "--format", "json", "--output-file", tmp.name]
        for ns in namespaces:
            cmd += ["--namespace", ns]
        subprocess.run(cmd, check=True, capture_output=True)
        with open(tmp.name) as f:
            return json.load(f)


def option_entry(opt):
    kind = TYPES.get(opt["type"])
    if kind is None:
        sys.exit("unknown oslo.config type %r for option %s" % (opt["type"], opt["name"]))
    entry = {"type": kind}
    choices = [c[0] for c in opt.get("choices") or []]
    if choices:
        entry["choices"] = [c for c in choices]
    for key in ("min", "max"):
        if opt.get(key) is not None:
            entry[key] = opt[key]
    if opt.get("deprecated_for_removal"):
        entry["deprecatedForRemoval"] = True
    if opt.get("secret"):
        entry["secret"] = True
    aliases = ["%s/%s" % (d.get("group") or "DEFAULT", d["name"].replace("-", "_")) for d in opt.get("deprecated_opts") or []]
    if aliases:
        entry["deprecatedNames"] = sorted(aliases)
    return entry


def extract(file, namespaces, named_group):
    raw = generate(namespaces)
    sections = {}
    for group, data in raw["options"].items():
        opts = sections.setdefault(group, {})
        for opt in data["opts"]:
            # oslo.config treats '-' and '_' in option names alike; files use '_'.
            opts[opt["name"].replace("-", "_")] = option_entry(opt)
    package = PACKAGE[file]
    doc = {
        "source": {
            "what": "Option definitions (type, choices, min/max) of %s as Debian 12's OpenStack Zed defines them." % file,
            "generatedBy": "scripts/extract-nova-options.py (oslo-config-generator --format json)",
            "debianPackage": "%s %s" % (package, package_version(package) or "?"),
            "namespaces": namespaces,
        },
        "sections": sections,
    }
    if named_group:
        doc["namedSectionGroup"] = named_group
    path = os.path.join(OUT_DIR, file + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    count = sum(len(v) for v in sections.values())
    print("wrote %s: %d sections, %d options (%s)" % (os.path.relpath(path, ROOT), len(sections), count, doc["source"]["debianPackage"]))


def main():
    with open(os.path.join(DATA, "oslo-namespaces.json")) as f:
        table = json.load(f)
    os.makedirs(OUT_DIR, exist_ok=True)
    for file, namespaces in table["namespaces"].items():
        extract(file, namespaces, table["namedSectionGroup"].get(file))


if __name__ == "__main__":
    main()
