#!/usr/bin/env bash
# Builds code-server from its npm tarball into a cache folder keyed by version, so CI on the same
# machine reuses it and a fresh machine can still build it from nothing (recipe: docs/testing.md).
# Prints the package folder on stdout (last line). With --cached it only says whether the cache has it (exit 0 or 1).
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.99.4}"
CACHE_ROOT="${WAN_KEYFRAMES_CACHE:-$HOME/.cache/wan-keyframes}"
DEST="$CACHE_ROOT/code-server-$VERSION"
MARKER="$DEST/.complete"
if [[ -f "$MARKER" ]]; then echo "$DEST/package"; exit 0; fi
[[ "${1:-}" == "--cached" ]] && exit 1
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install ripgrep" >&2; exit 1; }
rm -rf "$DEST" && mkdir -p "$DEST" && cd "$DEST"
{
  npm pack "code-server@$VERSION" --silent
  tar -xzf "code-server-$VERSION.tgz" && rm "code-server-$VERSION.tgz"
  cd package
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  npm rebuild argon2
  cd lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  # node-pty's last build step fails after pty.node is built; the .node files are checked below instead.
  npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid || true
  mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
  for f in node_modules/node-pty/build/Release/pty.node node_modules/@vscode/spdlog/build/Release/spdlog.node; do
    [[ -f "$f" ]] || { echo "missing native module $f" >&2; exit 1; }
  done
  cd "$DEST/package"
  node out/node/entry.js --version
} >&2
touch "$MARKER"
echo "$DEST/package"
