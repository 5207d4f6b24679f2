#!/usr/bin/env bash
# Installs Podman (served over the Docker API) and a Python image built from Debian packages,
# without any container registry. Idempotent: every step is skipped when its result exists.
# Usage: scripts/setupEngine.sh            (install + build image)
set -euo pipefail

CACHE_DIR="${SELF_HEAL_CACHE:-$HOME/.cache/self-heal}"
IMAGE_TAG="localhost/self-heal-python:3.11"
# The default image name the product uses; on machines without a registry the locally built
# Debian image is tagged with it so the defaults work as they would with a registry.
DEFAULT_IMAGE="docker.io/library/python:3.11-slim"
PACKAGES="python3,python3-pip,python3-venv"
mkdir -p "$CACHE_DIR"

log() { printf '[setup-engine] %s\n' "$*" >&2; }

install_packages() {
  if command -v podman >/dev/null && command -v debootstrap >/dev/null && command -v runc >/dev/null && [ -x /usr/lib/cni/bridge ]; then
    return
  fi
  log "installing podman, runc, conmon, debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman runc conmon debootstrap \
    containernetworking-plugins iptables uidmap >/dev/null
}

configure_podman() {
  mkdir -p /etc/containers
  local conf=/etc/containers/containers.conf
  if ! grep -q 'runtime = "runc"' "$conf" 2>/dev/null; then
    log "configuring podman to use runc"
    # crun on these hosts fails with "cgroups in hybrid mode not supported"; runc works.
    cat >"$conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
CONF
  fi
}

build_image() {
  if podman image exists "$IMAGE_TAG" && podman image exists "$DEFAULT_IMAGE"; then
    return
  fi
  local archive="$CACHE_DIR/python-rootfs-$(echo "$PACKAGES" | md5sum | cut -c1-8).tar.gz"
  if [ ! -s "$archive" ]; then
    local mirror rootfs
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror="${mirror:-http://deb.debian.org/debian}"
    rootfs=$(mktemp -d)
    log "building a Python rootfs with debootstrap from $mirror (1-2 minutes)"
    debootstrap --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$mirror" >/dev/null
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/locale
    tar -C "$rootfs" -czf "$archive.partial" .
    mv "$archive.partial" "$archive"
    rm -rf "$rootfs"
  fi
  log "importing $archive as $IMAGE_TAG"
  gunzip -c "$archive" | podman import --change 'CMD ["python3"]' - "$IMAGE_TAG" >/dev/null
  podman tag "$IMAGE_TAG" "$DEFAULT_IMAGE"
}

install_packages
configure_podman
build_image
log "ready: $(podman --version), images $IMAGE_TAG and $DEFAULT_IMAGE"
