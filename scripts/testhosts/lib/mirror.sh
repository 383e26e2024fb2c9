# shellcheck shell=bash
# This machine's own apt mirrors, read from its apt sources at run time (never written in code).

# Print every mirror URI (no trailing slash), once each, from deb822 and one-line sources.
apt_mirror_uris() {
  {
    awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
  } | sed 's:/*$::' | awk 'NF && !seen[$0]++'
}

# Print the URI of the first source that carries SUITE itself (not -updates or -security).
apt_mirror_for_suite() {
  local suite=$1 uri
  uri=$(awk -v suite="$suite" '
    BEGIN { RS = ""; FS = "\n" }
    {
      uris = ""; has = 0
      for (i = 1; i <= NF; i++) {
        n = split($i, w, /[ \t]+/)
        if (tolower(w[1]) == "uris:") uris = w[2]
        if (tolower(w[1]) == "suites:") for (j = 2; j <= n; j++) if (w[j] == suite) has = 1
      }
      if (has && uris != "") { print uris; exit }
    }' /etc/apt/sources.list.d/*.sources 2>/dev/null)
  if [ -z "$uri" ]; then
    uri=$(awk -v suite="$suite" '$1 == "deb" { for (i = 2; i < NF; i++) if ($i ~ /^[a-z]+:\/\// && $(i + 1) == suite) { print $i; exit } }' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
  fi
  [ -n "$uri" ] || die "no apt source for suite $suite in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list" \
    "add this machine's Debian mirror to its apt sources"
  printf '%s\n' "${uri%/}"
}
