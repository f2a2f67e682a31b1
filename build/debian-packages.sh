# Sourced by the build scripts: installs Debian packages a script needs, once, saying so in one line.
#   need_packages COMMAND:PACKAGE [COMMAND:PACKAGE ...]   # installs PACKAGE when COMMAND is not on PATH
need_packages() {
  local wanted=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    command -v "$cmd" >/dev/null 2>&1 || wanted+=("$pkg")
  done
  ((${#wanted[@]})) || return 0
  echo "installing ${wanted[*]} (Debian packages)" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null \
    || { echo "error: could not install ${wanted[*]} with apt-get" >&2; return 1; }
}

# The clang NativeAOT links with: clang, else the newest clang-NN (Debian installs only the versioned name).
find_clang() {
  command -v clang >/dev/null 2>&1 && { echo clang; return; }
  compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -n1
}
