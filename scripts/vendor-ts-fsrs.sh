#!/bin/sh
# Fetches the pinned ts-fsrs from npm and copies its browser build and licence into the theme
# (themes/default/static/vendor/). Run from the repository's root.
set -eu
VERSION=5.4.2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund --save-exact "ts-fsrs@$VERSION" >/dev/null)
dest=themes/default/static/vendor
mkdir -p "$dest"
cp "$scratch/node_modules/ts-fsrs/dist/index.umd.js" "$dest/ts-fsrs.js"
cp "$scratch/node_modules/ts-fsrs/LICENSE" "$dest/ts-fsrs.LICENSE"
echo "ts-fsrs $VERSION copied to $dest; sha256 of ts-fsrs.js:"
sha256sum "$dest/ts-fsrs.js"
