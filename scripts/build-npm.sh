#!/usr/bin/env bash
# Lays out the npm packages of wranglint, ready for `npm pack` / `npm publish`
# (this script publishes nothing):
#
#   OUTDIR/wranglint/                 the launcher package (bin/wranglint.js)
#   OUTDIR/@wranglint/<os>-<cpu>/     one package per platform, holding its
#                                     CGO_ENABLED=0 binary in bin/
#
# each with the repository's LICENSE (MIT) and its README,
# from the templates under npm/, with every version set to VERSION and the
# binaries cross-compiled with -trimpath -ldflags "-X main.version=VERSION".
#
# usage: scripts/build-npm.sh VERSION [OUTDIR]     (OUTDIR: dist/npm)
# VERSION is a semver such as 1.2.3 or 1.2.3-rc.1; a leading "v" is dropped.
set -euo pipefail

usage() { echo "usage: $0 VERSION [OUTDIR]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
version=${1#v}
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'
if ! [[ $version =~ $semver ]]; then
  echo "$0: version \"$1\" is not a semver like 1.2.3 (npm needs one)" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
outdir=${2:-$root/dist/npm}
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"

# npm platform (process.platform-process.arch) -> GOOS/GOARCH
platforms="linux-x64:linux/amd64 linux-arm64:linux/arm64 darwin-x64:darwin/amd64 darwin-arm64:darwin/arm64 win32-x64:windows/amd64"

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
rm -rf "$outdir/wranglint" "$outdir/@wranglint"
mkdir -p "$outdir/@wranglint"
cp -R "$root/npm/wranglint" "$outdir/wranglint"
cp "$root/LICENSE" "$outdir/wranglint/LICENSE"
mkdir -p "$outdir/wranglint/schema" # for "$schema": "node_modules/wranglint/schema/wranglint.schema.json"
cp "$root/schema/wranglint.schema.json" "$outdir/wranglint/schema/"
chmod 755 "$outdir/wranglint/bin/wranglint.js"

for entry in $platforms; do
  pkg=${entry%%:*}
  target=${entry#*:}
  goos=${target%/*}
  goarch=${target#*/}
  exe=wranglint
  [ "$goos" = windows ] && exe=wranglint.exe
  cp -R "$root/npm/@wranglint/$pkg" "$outdir/@wranglint/$pkg"
  cp "$root/LICENSE" "$outdir/@wranglint/$pkg/LICENSE"
  mkdir -p "$outdir/@wranglint/$pkg/bin"
  echo "building @wranglint/$pkg ($goos/$goarch)" >&2
  (cd "$root" && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version" \
    -o "$outdir/@wranglint/$pkg/bin/$exe" ./cmd/wranglint)
  chmod 755 "$outdir/@wranglint/$pkg/bin/$exe"
done

# Every package.json of the templates says "0.0.0" for its own version and for
# the versions of the platform packages; that is the only place it appears.
while IFS= read -r manifest; do
  sed "s/\"0\\.0\\.0\"/\"$version\"/g" "$manifest" >"$manifest.tmp"
  mv "$manifest.tmp" "$manifest"
done < <(find "$outdir/wranglint" "$outdir/@wranglint" -name package.json)

echo "npm packages of wranglint $version in $outdir:" >&2
(cd "$outdir" && find wranglint @wranglint -type f | sort) >&2
