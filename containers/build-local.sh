#!/usr/bin/env bash
# Build the gexflow image on this machine, with no registry and no Docker daemon (podman + buildah
# from Debian, a base image made with mmdebstrap), then check it runs offline.
#
#   containers/build-local.sh [--engine podman|docker] [--cuda] [--stage-only] [--save FILE]
#
#  1. builds the jar (bin/gexflow) and stages the build context target/image (target/image-cuda):
#     gexflow.jar, lib/, bin/gexflow, and djl-cache/ with PyTorch's CPU natives unpacked by
#     containers/WarmDjl.java (offline, from the pytorch-native-cpu jar Maven resolved);
#  2. podman (default, as root): apt-get install mmdebstrap podman buildah runc if missing;
#     mmdebstrap --variant=essential --include=openjdk-17-jre-headless,procps,passwd bookworm, a
#     tarball imported as localhost/gexflow-base:bookworm (once; ~60 s on 2 cores, against ~100-400 s
#     for debootstrap --variant=minbase, which mmdebstrap replaces because it fetches and unpacks the
#     packages in parallel through apt); podman build --pull=never FROM it, tagged
#     localhost/gexflow:<manifest.version>; podman runs it with containers/containers.conf
#     (runc, ulimits);
#     docker: docker build FROM debian:bookworm-slim (or nvidia/cuda with --cuda), tagged gexflow:<version>;
#  3. --save FILE writes a docker-archive that `podman load` / `docker load` / apptainer read.
# Prints the image name and size. DEBIAN_MIRROR picks the Debian mirror (default deb.debian.org).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
engine=podman cuda=false stage_only=false save=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --engine) engine="$2"; shift 2 ;;
    --cuda) cuda=true; shift ;;
    --stage-only) stage_only=true; shift ;;
    --save) save="$2"; shift 2 ;;
    *) echo "usage: $0 [--engine podman|docker] [--cuda] [--stage-only] [--save FILE]" >&2; exit 2 ;;
  esac
done
version="$(sed -n "s/^ *version *= *'\([^']*\)'.*/\1/p" "$root/nextflow.config" | head -1)"
[[ -n "$version" ]] || { echo "build-local: no manifest.version in nextflow.config" >&2; exit 1; }
log() { echo "build-local: $*" >&2; }
start=$SECONDS

# 1. the jar and the build context
if $cuda; then
  export GEXFLOW_MAVEN_ARGS=-Pcuda
  context="$root/target/image-cuda" dockerfile="$root/containers/Dockerfile.cuda"
else
  unset GEXFLOW_MAVEN_ARGS
  context="$root/target/image" dockerfile="$root/containers/Dockerfile"
fi
"$root/bin/gexflow" --version >/dev/null
rm -rf "$context"
mkdir -p "$context/bin" "$context/lib"
cp "$root/target/gexflow.jar" "$context/gexflow.jar"
cp "$root"/target/lib/*.jar "$context/lib/"
cp "$root/bin/gexflow" "$context/bin/gexflow"
if ! $cuda; then
  log "unpacking PyTorch's CPU natives into $context/djl-cache"
  DJL_CACHE_DIR="$context/djl-cache" ENGINE_CACHE_DIR="$context/djl-cache" \
    java -Dai.djl.offline=true --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$context/lib/*" \
    "$root/containers/WarmDjl.java" >&2
  # writable for any user id: Nextflow runs tasks as the launching user (-u UID:GID)
  find "$context/djl-cache" -type d -exec chmod 1777 {} +
fi
chmod 755 "$context/bin/gexflow"
if $stage_only; then
  log "staged $context ($((SECONDS - start)) s)"
  exit 0
fi

# 2. the image
if [[ "$engine" == docker ]]; then
  image="gexflow:$version"
  $cuda && image="gexflow:$version-cuda"
  docker build -f "$dockerfile" -t "$image" "$context"
  size="$(docker image inspect --format '{{.Size}}' "$image")"
else
  [[ "$(id -u)" == 0 ]] || { echo "build-local: run as root (mmdebstrap, rootful podman)" >&2; exit 1; }
  $cuda && { echo "build-local: the CUDA image needs nvidia/cuda from a registry: use --engine docker" >&2; exit 1; }
  if ! command -v podman >/dev/null || ! command -v buildah >/dev/null || ! command -v runc >/dev/null \
      || ! command -v mmdebstrap >/dev/null; then
    log "installing mmdebstrap podman buildah runc"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap podman buildah runc >&2
  fi
  export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/containers/containers.conf}"
  base="localhost/gexflow-base:bookworm"
  if ! podman image exists "$base"; then
    rootfs="$(mktemp -d /var/tmp/gexflow-rootfs.XXXXXX)"
    trap 'rm -rf "$rootfs"' EXIT
    log "mmdebstrap bookworm (essential + openjdk-17-jre-headless, procps, passwd)"
    # essential: the Essential:yes set (bash, coreutils, dpkg, ...); apt's lists and caches are left out
    mmdebstrap --variant=essential --include=openjdk-17-jre-headless,procps,passwd bookworm \
      "$rootfs/base.tar" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
    podman import "$rootfs/base.tar" "$base" >&2
    rm -rf "$rootfs"
  fi
  image="localhost/gexflow:$version"
  previous="$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
  podman build --pull=never --build-arg "BASE=$base" -f "$dockerfile" -t "$image" "$context" >&2
  # the image this build replaced, now untagged
  if [[ -n "$previous" && "$previous" != "$(podman image inspect --format '{{.Id}}' "$image")" ]]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
  # it runs, as its non-root user, with no network
  podman run --rm --network none "$image" bash -c 'id -un; gexflow --version; ps --version | head -1' >&2
  size="$(podman image inspect --format '{{.Size}}' "$image")"
  if [[ -n "$save" ]]; then
    podman save --format docker-archive -o "$save" "$image" >&2
    log "saved $save"
  fi
fi
log "built $image: $((size / 1000000)) MB in $((SECONDS - start)) s"
echo "$image"
