# shellcheck shell=bash
# Loads every part of the fleet library (sourced by the fleet command and the BMC scripts).
for part in common packages mirror network keys ssh light rootfs nspawn proxy bmc power inventory; do
  # shellcheck source=/dev/null
  source "$(dirname "${BASH_SOURCE[0]}")/$part.sh"
done
unset part
