# Sourced by tools/test-stack.sh and tools/flatpak-smoke.sh: a Debian chroot
# with the current GNOME stack and everything Mailroom needs to build, test,
# and serve as a stand-in Flatpak runtime. Not meant to be run on its own.
#
# The chroot lives in _build/stack/root (a build directory, so the Flatpak
# manifest's "skip" list keeps it out of the app's sources). A finished chroot
# is also kept as a tarball in a machine-wide cache (MAILROOM_STACK_CACHE,
# /var/cache/mailroom-stack by default; set it to "none" to disable), so a
# fresh clone on the same machine does not run debootstrap again.
#
# Needs root. Every mount it makes is undone by stack_cleanup, which the
# sourcing script must call from its EXIT trap.

STACK_SUITE=${MAILROOM_STACK_SUITE:-trixie}
STACK_MIRROR=${MAILROOM_STACK_MIRROR:-http://deb.debian.org/debian}
STACK_CACHE=${MAILROOM_STACK_CACHE:-/var/cache/mailroom-stack}
STACK_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${MAILROOM_STACK_DIR:-$STACK_SRC/_build/stack}
STACK_ROOT=$STACK_DIR/root
# Where the checkout appears inside the chroot.
STACK_SRC_IN=/src

STACK_MOUNTS=()

stack_log() { printf '[stack %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
stack_die() { stack_log "ERROR: $*"; exit 1; }

# The packages tools/deps.sh installs on the host, read from that script so
# both lists stay one list, plus what the Flatpak lane needs from the stack:
# the portals and the keyring, input and screenshot tools for the smoke test,
# what a GNOME runtime has (icons, MIME data, TLS, GSettings backend), and
# appstream-compose, which flatpak-builder 1.2 runs in the SDK.
stack_packages() {
  local packages=()
  eval "$(sed -n '/^packages=(/,/^)/p' "$STACK_SRC/tools/deps.sh")"
  [ ${#packages[@]} -gt 5 ] || stack_die "cannot read the package list from tools/deps.sh"
  printf '%s\n' "${packages[@]}" \
    xdg-desktop-portal gnome-keyring libsecret-tools dbus-daemon \
    xdotool x11-apps x11-utils netpbm \
    adwaita-icon-theme hicolor-icon-theme librsvg2-common shared-mime-info \
    gsettings-desktop-schemas dconf-gsettings-backend glib-networking \
    ca-certificates libgtk-4-bin libglib2.0-bin file \
    appstream-util
}

# Bump when stack_build_root makes a different chroot from the same packages.
STACK_RECIPE=1

# What decides whether a cached chroot fits: suite, packages and recipe.
stack_key() {
  { echo "$STACK_SUITE $STACK_RECIPE"; stack_packages; } | sha256sum | cut -c1-16
}

stack_require_host_tools() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    stack_log "installing on the host: ${missing[*]}"
    stack_apt_host update -qq
    DEBIAN_FRONTEND=noninteractive stack_apt_host install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# apt-get on the host, waiting while another apt holds the lock.
stack_apt_host() {
  apt-get -o DPkg::Lock::Timeout=600 "$@"
}

stack_is_mounted() {
  findmnt -rn -o TARGET | grep -qxF "$1"
}

stack_mount() {  # stack_mount TARGET mount-args...
  local target=$1; shift
  mkdir -p "$target"
  mount "$@" "$target"
  STACK_MOUNTS+=("$target")
}

# Undoes every mount under the chroot, innermost first, whoever made it.
stack_umount_all() {
  local t
  [ -d "$STACK_ROOT" ] || return 0
  while read -r t; do
    umount "$t" 2>/dev/null || umount -l "$t" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v r="$STACK_ROOT/" 'index($0, r) == 1' | sort -r)
  STACK_MOUNTS=()
}

# Ends the processes whose root directory is the chroot (the ones the lanes
# started there), by their ids.
stack_kill_chroot_processes() {
  local pid root signal
  [ -d "$STACK_ROOT" ] || return 0
  for signal in TERM KILL; do
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      root=$(readlink "/proc/$pid/root" 2>/dev/null) || continue
      case "$root" in
        "$STACK_ROOT"|"$STACK_ROOT"/*) kill -s "$signal" "$pid" 2>/dev/null || true ;;
      esac
    done
    [ "$signal" = TERM ] && sleep 0.5
  done
}

stack_cleanup() {
  stack_kill_chroot_processes
  stack_umount_all
}

# Removes a chroot, never following a mount out of it.
stack_remove_root() {
  stack_umount_all
  if findmnt -rn -o TARGET | awk -v r="$STACK_ROOT/" 'index($0, r) == 1' | grep -q .; then
    stack_die "mounts are still active under $STACK_ROOT; not removing it"
  fi
  rm -rf --one-file-system "$STACK_ROOT"
}

stack_mount_all() {
  stack_mount "$STACK_ROOT/proc" -t proc proc
  stack_mount "$STACK_ROOT/sys" --bind /sys
  stack_mount "$STACK_ROOT/dev" --bind /dev
  stack_mount "$STACK_ROOT/dev/pts" -t devpts -o newinstance,ptmxmode=0666 devpts
  stack_mount "$STACK_ROOT/dev/shm" -t tmpfs -o mode=1777 tmpfs
  stack_mount "$STACK_ROOT$STACK_SRC_IN" --bind "$STACK_SRC"
  cp -L /etc/resolv.conf "$STACK_ROOT/etc/resolv.conf" 2>/dev/null || true
}

# Runs a command in the chroot with a clean environment.
stack_run() {
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
    ${STACK_ENV:-} chroot "$STACK_ROOT" "$@"
}

stack_apt() {
  stack_run apt-get -o Acquire::Retries=3 -o Acquire::Check-Valid-Until=false \
    -o DPkg::Lock::Timeout=600 "$@"
}

stack_build_root() {
  local key=$1
  stack_log "debootstrap $STACK_SUITE (minbase) into $STACK_ROOT"
  mkdir -p "$STACK_DIR"
  stack_remove_root
  debootstrap --variant=minbase --components=main \
    "$STACK_SUITE" "$STACK_ROOT" "$STACK_MIRROR" >"$STACK_DIR/debootstrap.log" 2>&1 \
    || { tail -20 "$STACK_DIR/debootstrap.log" >&2; stack_die "debootstrap failed (log: $STACK_DIR/debootstrap.log)"; }

  # No services start inside the chroot; documentation is not needed.
  printf '#!/bin/sh\nexit 101\n' >"$STACK_ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$STACK_ROOT/usr/sbin/policy-rc.d"
  printf 'path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\n' \
    >"$STACK_ROOT/etc/dpkg/dpkg.cfg.d/01-mailroom-nodoc"

  stack_mount_all
  stack_log "installing the build, test and runtime packages in the chroot"
  mapfile -t pkgs < <(stack_packages)
  stack_apt update -qq
  stack_apt install -y -qq --no-install-recommends "${pkgs[@]}" >"$STACK_DIR/apt.log" 2>&1 \
    || { tail -30 "$STACK_DIR/apt.log" >&2; stack_die "apt-get install failed in the chroot (log: $STACK_DIR/apt.log)"; }
  stack_run dpkg --configure -a
  if stack_run dpkg -l | grep -E '^[a-z][^i ]' | grep -q .; then
    stack_run dpkg -l | grep -E '^[a-z][^i ]' >&2
    stack_die "some packages are not fully installed in the chroot"
  fi

  stack_log "generating the en_US.UTF-8 and de_DE.UTF-8 locales"
  sed -i -E 's/^# *((en_US|de_DE)\.UTF-8 UTF-8)/\1/' "$STACK_ROOT/etc/locale.gen"
  stack_run locale-gen >/dev/null
  stack_run apt-get clean
  stack_umount_all
  echo "$key" >"$STACK_ROOT/.mailroom-stack-ready"
}

# Makes sure $STACK_ROOT holds a finished chroot for the current key, from the
# build directory, else from the machine-wide cache, else from nothing.
stack_ensure_root() {
  local key cache_file
  stack_require_host_tools debootstrap zstd
  key=$(stack_key)
  if [ -f "$STACK_ROOT/.mailroom-stack-ready" ] \
     && [ "$(cat "$STACK_ROOT/.mailroom-stack-ready")" = "$key" ]; then
    stack_log "reusing the chroot in $STACK_ROOT ($STACK_SUITE, $key)"
    return 0
  fi
  cache_file=""
  if [ "$STACK_CACHE" != none ]; then
    cache_file=$STACK_CACHE/$STACK_SUITE-$key.tar.zst
  fi
  if [ -n "$cache_file" ] && [ -f "$cache_file" ]; then
    stack_log "unpacking the cached chroot $cache_file"
    stack_remove_root
    mkdir -p "$STACK_ROOT"
    if tar -I zstd -xpf "$cache_file" -C "$STACK_ROOT" --numeric-owner \
       && [ "$(cat "$STACK_ROOT/.mailroom-stack-ready" 2>/dev/null)" = "$key" ]; then
      return 0
    fi
    stack_log "the cached chroot is unusable; building it again"
    rm -f "$cache_file"
  fi
  stack_build_root "$key"
  if [ -n "$cache_file" ]; then
    if mkdir -p "$STACK_CACHE" 2>/dev/null && [ -w "$STACK_CACHE" ]; then
      stack_log "saving the chroot to $cache_file"
      # Old keys are stale: keep only this one.
      find "$STACK_CACHE" -maxdepth 1 -name "$STACK_SUITE-*.tar.zst*" -delete
      tar -I 'zstd -T0 -3' -cpf "$cache_file.tmp" -C "$STACK_ROOT" --numeric-owner --one-file-system . \
        && mv "$cache_file.tmp" "$cache_file" \
        || { rm -f "$cache_file.tmp"; stack_log "could not save the cache (continuing)"; }
    fi
  fi
}
