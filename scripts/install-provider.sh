#!/usr/bin/env bash
# Builds terraform-provider-polyvisor and installs it into an unpacked filesystem mirror inside the
# repository, then writes a Terraform CLI config that takes polyvisor/polyvisor from that mirror and
# never from the network. Idempotent: run it again after changing the provider.
#
#   bash scripts/install-provider.sh            # build + install
#   export TF_CLI_CONFIG_FILE="$PWD/.polyvisor/terraformrc"
#   terraform init && terraform plan            # or: cdktf deploy --skip-provider-lock
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ENTRY="$ROOT/dist/provider/bin/terraform-provider-polyvisor.js"
# Compile unless the entry is newer than every source the provider is built from.
needs_build() {
  [ ! -f "$ENTRY" ] && return 0
  [ -n "$(find provider provisioners bench -name '*.ts' -newer "$ENTRY" -print -quit 2>/dev/null)" ]
}
if [ "${POLYVISOR_SKIP_BUILD:-}" != "1" ] && needs_build; then
  npx --no-install tsc -p provider/tsconfig.json
  touch "$ENTRY"
fi

VERSION="$(node -p 'require("./dist/provider/schema").PROVIDER_VERSION')"
NODE_BIN="$(command -v node)"
STATE_DIR="$ROOT/.polyvisor"
MIRROR="$STATE_DIR/mirror"
PLATFORM="linux_amd64"
case "$(uname -m)" in aarch64 | arm64) PLATFORM="linux_arm64" ;; esac
PKG_DIR="$MIRROR/registry.terraform.io/polyvisor/polyvisor/$VERSION/$PLATFORM"
LAUNCHER="$PKG_DIR/terraform-provider-polyvisor_v$VERSION"

# Snapshot the compiled provider (and the provisioners its handlers call) out of dist/, so that a
# later rebuild of dist/ never changes a provider terraform is running. Snapshots are named by
# content; `current` points at the newest, the one before stays for plugins still running.
SNAPSHOTS="$STATE_DIR/provider"
HASH="$(cd dist && find provider provisioners -type f ! -name '*.map' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
if [ ! -d "$SNAPSHOTS/$HASH" ]; then
  mkdir -p "$SNAPSHOTS"
  rm -rf "$SNAPSHOTS/.tmp-$HASH"
  mkdir -p "$SNAPSHOTS/.tmp-$HASH"
  (cd dist && cp -R provider provisioners "$SNAPSHOTS/.tmp-$HASH/")
  mv "$SNAPSHOTS/.tmp-$HASH" "$SNAPSHOTS/$HASH"
fi
PREVIOUS="$(readlink "$SNAPSHOTS/current" 2>/dev/null || true)"
ln -sfn "$HASH" "$SNAPSHOTS/current.tmp" && mv -T "$SNAPSHOTS/current.tmp" "$SNAPSHOTS/current"
for old in "$SNAPSHOTS"/*; do
  name="$(basename "$old")"
  case "$name" in current | "$HASH" | "$PREVIOUS") ;; *) rm -rf "$old" ;; esac
done

mkdir -p "$PKG_DIR"
# The launcher names node and the snapshot by absolute path: terraform starts it with its own
# environment and working directory. Its content does not change between installs, so the
# checksum terraform records in .terraform.lock.hcl stays valid.
cat >"$LAUNCHER.tmp" <<LAUNCH
#!/bin/sh
exec "$NODE_BIN" "$SNAPSHOTS/current/provider/bin/terraform-provider-polyvisor.js" "\$@"
LAUNCH
chmod 0755 "$LAUNCHER.tmp"
mv -f "$LAUNCHER.tmp" "$LAUNCHER"

cat >"$STATE_DIR/terraformrc.tmp" <<RC
# Written by scripts/install-provider.sh: polyvisor/polyvisor comes from the mirror below only.
disable_checkpoint = true
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/polyvisor/polyvisor"]
  }
  direct {
    exclude = ["registry.terraform.io/polyvisor/polyvisor"]
  }
}
RC
mv -f "$STATE_DIR/terraformrc.tmp" "$STATE_DIR/terraformrc"

echo "terraform-provider-polyvisor $VERSION installed in $PKG_DIR"
echo "export TF_CLI_CONFIG_FILE=$STATE_DIR/terraformrc"
