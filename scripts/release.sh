#!/usr/bin/env bash
# Builds the release archives of wranglint (this script uploads nothing):
#
#   OUTDIR/wranglint_VERSION_<os>_<arch>.tar.gz    linux and darwin, amd64 and arm64
#   OUTDIR/wranglint_VERSION_windows_amd64.zip
#   OUTDIR/wranglint_VERSION_checksums.txt         SHA-256, `sha256sum -c` format
#
# Each archive holds the CGO_ENABLED=0 binary (built with -trimpath -ldflags
# "-X main.version=VERSION"), LICENSE and README.md, at its top level; file
# times are the commit's, so the same commit gives the same archives. The checksums are
# verified at the end.
#
# usage: scripts/release.sh VERSION [OUTDIR]     (OUTDIR: dist/release)
# VERSION is a semver such as 1.2.3 or v1.2.3; the archives and the binary
# say it without the "v".
set -euo pipefail

usage() { echo "usage: $0 VERSION [OUTDIR]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
version=${1#v}
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'
if ! [[ $version =~ $semver ]]; then
  echo "$0: version \"$1\" is not a semver like 1.2.3" >&2
  exit 2
fi
for tool in tar gzip zip; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 2; }
done
if command -v sha256sum >/dev/null; then
  sha256=(sha256sum)
else
  sha256=(shasum -a 256) # macOS
fi

root=$(cd "$(dirname "$0")/.." && pwd)
outdir=${2:-$root/dist/release}
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# File times in the archives: the commit's (or now, outside a git checkout).
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
touch_time=$(date -u -d "@$epoch" +%Y%m%d%H%M.%S 2>/dev/null || date -u -r "$epoch" +%Y%m%d%H%M.%S)

checksums="wranglint_${version}_checksums.txt"
rm -f "$outdir/wranglint_${version}_"*
archives=()
# RELEASE_TARGETS (GOOS/GOARCH, separated by spaces) limits the archives,
# for tests (scripts/test-action.sh); a release builds every one.
for target in ${RELEASE_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64}; do
  goos=${target%/*}
  goarch=${target#*/}
  name="wranglint_${version}_${goos}_${goarch}"
  exe=wranglint
  [ "$goos" = windows ] && exe=wranglint.exe
  dir="$stage/$name"
  mkdir -p "$dir"
  echo "building $name" >&2
  (cd "$root" && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version" -o "$dir/$exe" ./cmd/wranglint)
  cp "$root/README.md" "$root/LICENSE" "$dir/"
  chmod 755 "$dir/$exe"
  chmod 644 "$dir/README.md" "$dir/LICENSE"
  touch -t "$touch_time" "$dir/$exe" "$dir/README.md" "$dir/LICENSE"
  if [ "$goos" = windows ]; then
    (cd "$dir" && TZ=UTC zip -q -X "$outdir/$name.zip" "$exe" LICENSE README.md)
    archives+=("$name.zip")
  else
    # GNU tar: a stable order and owner; other tars: as they are.
    tarflags=()
    if tar --version 2>/dev/null | grep -q GNU; then
      tarflags=(--sort=name --owner=0 --group=0 --numeric-owner)
    fi
    (cd "$dir" && tar "${tarflags[@]}" -cf - "$exe" LICENSE README.md) | gzip -9n >"$outdir/$name.tar.gz"
    archives+=("$name.tar.gz")
  fi
done

(cd "$outdir" && "${sha256[@]}" "${archives[@]}" >"$checksums")
(cd "$outdir" && "${sha256[@]}" -c "$checksums" >/dev/null)
# Each archive holds exactly the binary, LICENSE and README.md.
for a in "${archives[@]}"; do
  case $a in
    *.zip) listing=$(unzip -Z1 "$outdir/$a" 2>/dev/null || zipinfo -1 "$outdir/$a") want="LICENSE README.md wranglint.exe" ;;
    *) listing=$(tar -tzf "$outdir/$a") want="LICENSE README.md wranglint" ;;
  esac
  got=$(echo "$listing" | sort | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" != "$want" ]; then
    echo "$0: $a holds \"$got\", want \"$want\"" >&2
    exit 1
  fi
done
echo "wranglint $version release archives in $outdir:" >&2
(cd "$outdir" && ls -l "${archives[@]}" "$checksums") >&2
