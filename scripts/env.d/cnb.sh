# shellcheck shell=bash
# Trestle's test builders for Cloud Native Buildpacks: $REGISTRY/trestle/cnb-builder:google and :paketo,
# two targets of images/cnb-builder/ on top of trestle/cnb-build (which carries the lifecycle, built from
# the Go module proxy). Cached like the base images: a tag inputs-<key> per flavour; the key covers the
# recipe, this script (it writes the builder labels) and the build image's key.

CNB_LIFECYCLE_VERSION=0.21.11
CNB_BUILDPACK_APIS='["0.7","0.8","0.9","0.10","0.11","0.12"]'
CNB_PLATFORM_APIS='["0.7","0.8","0.9","0.10","0.11","0.12","0.13","0.14","0.15"]'
CNB_FLAVOURS=(google paketo)

cnb_toml_value() { # FILE KEY — the first `KEY = "value"` of a buildpack.toml
  sed -n "s/^ *$2 = \"\\(.*\\)\"/\\1/p" "$1" | head -1
}

cnb_builder_labels() { # DIR FLAVOUR — prints one `key=value` label per line
  local dir=$1 flavour=$2 bps="[]" layers="{}" order="[]" f id version api homepage run
  run="$REGISTRY/trestle/cnb-run:latest"
  while IFS= read -r f; do
    id=$(cnb_toml_value "$f" id) version=$(cnb_toml_value "$f" version)
    api=$(cnb_toml_value "$f" api) homepage=$(cnb_toml_value "$f" homepage)
    bps=$(jq -c --arg id "$id" --arg v "$version" --arg h "$homepage" '. + [{id:$id,version:$v,homepage:$h}]' <<<"$bps")
    layers=$(jq -c --arg id "$id" --arg v "$version" --arg api "$api" \
      '.[$id][$v] = {api:$api, targets:[{os:"linux",arch:"amd64"}]}' <<<"$layers")
  done < <(find "$dir/$flavour/buildpacks" -name buildpack.toml | sort)
  while IFS= read -r id; do
    order=$(jq -c --arg id "$id" '. + [{group:[{id:$id,version:"0.1.0"}]}]' <<<"$order")
  done < <(sed -n 's/^ *id = "\(.*\)"/\1/p' "$dir/$flavour/order.toml")
  echo "io.buildpacks.builder.metadata=$(jq -cn --argjson bps "$bps" --arg run "$run" --arg f "$flavour" \
    --arg lv "$CNB_LIFECYCLE_VERSION" --argjson bpa "$CNB_BUILDPACK_APIS" --argjson pa "$CNB_PLATFORM_APIS" '{
      description: ("Trestle test builder (" + $f + "-style buildpacks for Node.js, Python and Go)"),
      buildpacks: $bps,
      stack: {runImage: {image: $run, mirrors: []}},
      images: [{image: $run, mirrors: []}],
      lifecycle: {version: $lv, api: {buildpack: "0.7", platform: "0.7"},
                  apis: {buildpack: {deprecated: [], supported: $bpa}, platform: {deprecated: [], supported: $pa}}},
      createdBy: {name: "Trestle scripts/env", version: "1"}}')"
  echo "io.buildpacks.buildpack.order=$order"
  echo "io.buildpacks.buildpack.layers=$layers"
  echo "io.buildpacks.lifecycle.version=$CNB_LIFECYCLE_VERSION"
  echo "io.buildpacks.lifecycle.apis=$(jq -cn --argjson bpa "$CNB_BUILDPACK_APIS" --argjson pa "$CNB_PLATFORM_APIS" \
    '{buildpack: {deprecated: [], supported: $bpa}, platform: {deprecated: [], supported: $pa}}')"
  echo "io.buildpacks.builder.flavour=$flavour"
}

build_cnb_builders() {
  local key ref=$REGISTRY/trestle/cnb-builder flavour ctx t0 missing="" label args
  key=$({
    image_inputs_key cnb-builder "${IMAGE_KEY[cnb-build]:-none}"
    sha256sum "$REPO_DIR/scripts/env.d/cnb.sh" | cut -c1-64
  } | sha256sum | cut -c1-16)
  for flavour in "${CNB_FLAVOURS[@]}"; do
    if ! registry_has trestle/cnb-builder "$flavour-inputs-$key" || ! registry_has trestle/cnb-builder "$flavour"; then
      missing+=" $flavour"
    fi
  done
  [[ -z $missing ]] && return 0
  t0=$(date +%s)
  ctx=$(mktemp -d /var/tmp/trestle-image.XXXXXX)
  cp -a "$REPO_DIR/images/cnb-builder/." "$ctx/"
  for flavour in $missing; do
    log "building image $ref:$flavour (inputs $key)"
    args=()
    while IFS= read -r label; do args+=(--label "$label"); done < <(cnb_builder_labels "$ctx" "$flavour")
    if ! docker build -q --network host --build-arg "REGISTRY=$REGISTRY" --target "$flavour" \
      --label "dev.trestle.inputs=$key" "${args[@]}" -t "$ref:$flavour" -t "$ref:$flavour-inputs-$key" "$ctx" \
      >>"$LOG_DIR/images.log" 2>&1; then
      rm -rf "$ctx"
      tail -30 "$LOG_DIR/images.log" >&2
      die "docker build of cnb-builder:$flavour failed (see $LOG_DIR/images.log)"
    fi
    if ! docker push -q "$ref:$flavour" >>"$LOG_DIR/images.log" 2>&1 ||
      ! docker push -q "$ref:$flavour-inputs-$key" >>"$LOG_DIR/images.log" 2>&1; then
      rm -rf "$ctx"
      die "docker push of cnb-builder:$flavour failed (see $LOG_DIR/images.log)"
    fi
  done
  rm -rf "$ctx"
  log "test builders $ref:{${CNB_FLAVOURS[*]}} ready in $(($(date +%s) - t0))s"
}
