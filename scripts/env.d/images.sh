# shellcheck shell=bash
# Base images: built locally from images/<dir>/ and pushed to the plain registry as
# $REGISTRY/trestle/<name>:<tag>. Nothing is pulled from the internet. Each image is keyed by its
# inputs (its recipe files, its parent's key, the Debian suite): the registry keeps a second tag
# inputs-<key>, and when that tag is present the build is skipped, so a warm run takes seconds.

# name tag recipe-dir parent-names (comma-separated: every image a recipe's stages start FROM)
TRESTLE_IMAGES=(
  "pause 3.10 pause -"
  "static latest static -"
  "busybox latest busybox -"
  "debian bookworm-slim debian -"
  "node 18 node debian"
  "python 3.11 python debian"
  "java 17 java debian"
  "golang 1.19 golang debian"
  "sync-helper latest sync-helper golang"
  # Debug support images: the default debug-helpers-registry of the local environment is
  # $REGISTRY/trestle/debug-support (docs/debug.md).
  "debug-support/duct-tape latest debug-duct-tape busybox"
  "debug-support/go latest debug-go golang,debug-support/duct-tape"
  "debug-support/python latest debug-python python,golang,debug-support/duct-tape"
  "debug-support/nodejs latest debug-nodejs golang,debug-support/duct-tape"
  # Cloud Native Buildpacks: run and build images of the test builders (scripts/env.d/cnb.sh, docs/buildpacks.md).
  "cnb-run latest cnb-run node"
  "cnb-build latest cnb-build cnb-run"
)
declare -A IMAGE_KEY=()

image_inputs_key() { # DIR PARENT_KEY
  {
    echo "suite=$DEBIAN_SUITE parent=$2"
    (cd "$REPO_DIR/images/$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

registry_has() { # REPO TAG
  curl -fsS -o /dev/null --max-time 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null
}

build_image() { # NAME TAG DIR PARENT
  local name=$1 tag=$2 dir=$3 parents=$4 parent parent_keys="" key ref ctx t0
  for parent in ${parents//,/ }; do parent_keys+=${IMAGE_KEY[$parent]:-none}; done
  key=$(image_inputs_key "$dir" "$parent_keys")
  IMAGE_KEY[$name]=$key
  ref=$REGISTRY/trestle/$name
  if registry_has "trestle/$name" "inputs-$key" && registry_has "trestle/$name" "$tag"; then
    return 0
  fi
  t0=$(date +%s)
  log "building image $ref:$tag (inputs $key)"
  ctx=$(mktemp -d /var/tmp/trestle-image.XXXXXX)
  cp -a "$REPO_DIR/images/$dir/." "$ctx/"
  if [[ -x $ctx/prepare.sh ]]; then
    DEBIAN_SUITE=$DEBIAN_SUITE "$ctx/prepare.sh" "$ctx" || {
      rm -rf "$ctx"
      die "preparing image $name failed"
    }
  fi
  if ! docker build -q --network host --build-arg "REGISTRY=$REGISTRY" \
    --label "dev.trestle.inputs=$key" -t "$ref:$tag" -t "$ref:inputs-$key" "$ctx" \
    >>"$LOG_DIR/images.log" 2>&1; then
    rm -rf "$ctx"
    tail -30 "$LOG_DIR/images.log" >&2
    die "docker build of $name failed (see $LOG_DIR/images.log)"
  fi
  rm -rf "$ctx"
  if ! docker push -q "$ref:$tag" >>"$LOG_DIR/images.log" 2>&1 ||
    ! docker push -q "$ref:inputs-$key" >>"$LOG_DIR/images.log" 2>&1; then
    die "docker push of $name failed (see $LOG_DIR/images.log)"
  fi
  log "image $ref:$tag ready in $(($(date +%s) - t0))s"
}

build_images() {
  local line
  for line in "${TRESTLE_IMAGES[@]}"; do
    # shellcheck disable=SC2086
    build_image $line
  done
}

images_json() { # the image references, for env.json
  local line name tag first=1
  printf '{'
  for line in "${TRESTLE_IMAGES[@]}"; do
    read -r name tag _ _ <<<"$line"
    ((first)) || printf ','
    first=0
    printf '"%s":"%s/trestle/%s:%s"' "$name" "$REGISTRY" "$name" "$tag"
  done
  printf '}'
}
