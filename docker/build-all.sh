#!/usr/bin/env bash
# Builds one image per app from docker/Dockerfile.
#
#   docker/build-all.sh                 # the five production apps, then zoom-sim
#   docker/build-all.sh mapping audit   # only these apps
#
# Environment:
#   IMAGE_PREFIX      repository prefix of production images (okta-zoom-bridge)
#   SIM_IMAGE_PREFIX  repository prefix of zoom-sim (okta-zoom-bridge-test): kept apart so a
#                     pipeline that pushes ${IMAGE_PREFIX}/* never ships the simulator
#   TAG               image tag (git describe, else "dev")
#   PUSH=1            push each image after building it
#   SKIP_SIM=1        do not build zoom-sim
#   DOCKER_BUILD_ARGS extra arguments for `docker build` (e.g. "--platform linux/amd64")
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE_PREFIX="${IMAGE_PREFIX:-okta-zoom-bridge}"
SIM_IMAGE_PREFIX="${SIM_IMAGE_PREFIX:-okta-zoom-bridge-test}"
TAG="${TAG:-$(git -C "$REPO" describe --tags --always --dirty 2>/dev/null || echo dev)}"
REVISION="$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)"

PRODUCTION_APPS=(okta-ingest mapping zoom-writer group-push audit)
declare -A PORTS=([okta-ingest]=8080 [mapping]=8081 [zoom-writer]=8082 [group-push]=8083 [audit]=8084 [zoom-sim]=8090)

if [[ $# -gt 0 ]]; then
  APPS=("$@")
else
  APPS=("${PRODUCTION_APPS[@]}")
  [[ "${SKIP_SIM:-0}" == 1 ]] || APPS+=(zoom-sim)
fi

export DOCKER_BUILDKIT=1 # docker/Dockerfile.dockerignore and cache mounts need BuildKit

for app in "${APPS[@]}"; do
  port="${PORTS[$app]:-}"
  if [[ -z "$port" ]]; then
    echo "unknown app '$app' (known: ${!PORTS[*]})" >&2
    exit 2
  fi
  prefix="$IMAGE_PREFIX"
  [[ "$app" == zoom-sim ]] && prefix="$SIM_IMAGE_PREFIX"
  image="$prefix/$app:$TAG"

  echo "==> $image"
  # shellcheck disable=SC2086 # DOCKER_BUILD_ARGS is meant to split into words
  docker build \
    -f "$REPO/docker/Dockerfile" \
    --build-arg "APP=$app" \
    --build-arg "PORT=$port" \
    --build-arg "VERSION=$TAG" \
    --build-arg "REVISION=$REVISION" \
    ${DOCKER_BUILD_ARGS:-} \
    -t "$image" \
    "$REPO"
  if [[ "${PUSH:-0}" == 1 ]]; then
    docker push "$image"
  fi
done
