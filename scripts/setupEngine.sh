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
OLDER_IMAGE_TAG="localhost/self-heal-python:3.9"
# The image the project's own tests run in: the default image's packages plus Debian's pytest.
PYTEST_IMAGE_TAG="localhost/self-heal-python-pytest:3.11"
PYTEST_PACKAGES="python3,python3-pip,python3-venv,python3-pytest"
mkdir -p "$CACHE_DIR"

log() { printf '[setup-engine] %s\n' "$*" >&2; }

install_packages() {
  if command -v podman >/dev/null && command -v debootstrap >/dev/null && command -v runc >/dev/null && [ -x /usr/lib/cni/bridge ] \
    && [ -x /usr/sbin/sshd ] && command -v stunnel4 >/dev/null; then
    return
  fi
  # openssh-server and stunnel4 put SSH and TLS in front of the engine for the remote engine tests.
  log "installing podman, runc, conmon, debootstrap, openssh-server, stunnel4"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman runc conmon debootstrap \
    containernetworking-plugins iptables uidmap openssh-server stunnel4 >/dev/null
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

# build_image SUITE TAG PACKAGES ARCHIVE: a slim Debian rootfs of SUITE with PACKAGES, cached as
# ARCHIVE (a gzip under the cache folder, reused by every later setup) and imported as TAG.
build_image() {
  local suite=$1 tag=$2 packages=$3 archive=$4
  if [ ! -s "$archive" ]; then
    local mirror rootfs
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror="${mirror:-http://deb.debian.org/debian}"
    rootfs=$(mktemp -d)
    log "building a Python rootfs of $suite with debootstrap from $mirror (1-2 minutes)"
    debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >/dev/null
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/locale
    tar -C "$rootfs" -czf "$archive.partial" .
    mv "$archive.partial" "$archive"
    rm -rf "$rootfs"
  fi
  log "importing $archive as $tag"
  gunzip -c "$archive" | podman import --change 'CMD ["python3"]' - "$tag" >/dev/null
}

build_default_image() {
  if podman image exists "$IMAGE_TAG" && podman image exists "$DEFAULT_IMAGE"; then
    return
  fi
  build_image bookworm "$IMAGE_TAG" "$PACKAGES" "$CACHE_DIR/python-rootfs-$(echo "$PACKAGES" | md5sum | cut -c1-8).tar.gz"
  podman tag "$IMAGE_TAG" "$DEFAULT_IMAGE"
}

# A second Python version (bullseye's 3.9), for the tests of the image that follows the project's
# Python version: python3 alone, no pip, so it costs one debootstrap once and about 40 MB of cache.
build_older_image() {
  podman image exists "$OLDER_IMAGE_TAG" && return
  build_image bullseye "$OLDER_IMAGE_TAG" python3 "$CACHE_DIR/python-rootfs-bullseye-$(echo python3 | md5sum | cut -c1-8).tar.gz"
}

# The test image is separate so the default image stays as small as it was; tests name it.
build_pytest_image() {
  podman image exists "$PYTEST_IMAGE_TAG" && return
  build_image bookworm "$PYTEST_IMAGE_TAG" "$PYTEST_PACKAGES" \
    "$CACHE_DIR/python-rootfs-pytest-$(echo "$PYTEST_PACKAGES" | md5sum | cut -c1-8).tar.gz"
}

install_packages
configure_podman
build_default_image
build_older_image
build_pytest_image
log "ready: $(podman --version), images $IMAGE_TAG, $DEFAULT_IMAGE, $OLDER_IMAGE_TAG and $PYTEST_IMAGE_TAG"
