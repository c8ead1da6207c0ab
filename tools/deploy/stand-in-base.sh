#!/usr/bin/env bash
# Builds a local stand-in for the Dockerfile's base image (node:20-bookworm-slim) where no image
# registry is reachable: Debian bookworm from Debian's packages (debootstrap, minbase), this
# machine's Node.js 20 and npm, a uid-1000 "node" user as in the official image, and this machine's
# apt sources, extra CA certificates and npm settings, so that `apt-get` and `npm ci` inside a build
# reach the same package registries as the host does.
#
#   sudo tools/deploy/stand-in-base.sh [TAG]        (default node:20-bookworm-slim; root needed)
#
# Needs: debootstrap, a Docker engine, Node.js 20 on PATH. Takes 2-4 minutes.
set -euo pipefail

TAG=${1:-node:20-bookworm-slim}
DOCKER=${DOCKER:-docker}
MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

[[ $(id -u) -eq 0 ]] || { echo "stand-in-base: run as root (debootstrap)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "stand-in-base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 2; }

node_bin=$(readlink -f "$(command -v node)")
node_version=$("$node_bin" --version)
[[ $node_version == v20.* ]] || { echo "stand-in-base: Node.js 20 needed, found $node_version" >&2; exit 2; }
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")   # .../node_modules/npm
[[ -f $npm_dir/package.json ]] || { echo "stand-in-base: npm not found next to $(command -v npm)" >&2; exit 2; }

root=$(mktemp -d /tmp/argus-stand-in-base.XXXXXX)
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

echo "stand-in-base: debootstrap bookworm from $MIRROR"
# ca-certificates: the registries are reached over TLS (the official image installs it in its
# own RUN steps where needed; the stand-in keeps it so both apt and npm work at once).
debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$MIRROR" >/tmp/argus-stand-in-base.log 2>&1 \
  || { tail -n 20 /tmp/argus-stand-in-base.log >&2; exit 1; }

echo "stand-in-base: Node.js $node_version and npm $(node -p "require('$npm_dir/package.json').version")"
install -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

echo "stand-in-base: user node (uid 1000), apt sources, CA certificates, npm settings"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# The host's apt sources and settings (mirrors, snapshot options), not its disabled third-party lists.
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
[[ -f /etc/apt/sources.list ]] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
for conf in /etc/apt/apt.conf.d/*; do
  case $(basename "$conf") in 99*|docker-*) cp "$conf" "$root/etc/apt/apt.conf.d/" ;; esac
done
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi
# npm's global settings (prefix /usr/local): the host's registry and the CA bundle (no tokens are copied).
mkdir -p "$root/usr/local/etc"
cat >"$root/usr/local/etc/npmrc" <<EOF
registry=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
cafile=/etc/ssl/certs/ca-certificates.crt
update-notifier=false
fund=false
audit=false
EOF
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/tmp/*

echo "stand-in-base: importing as $TAG"
tar -C "$root" --numeric-owner -c . | "$DOCKER" import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt" \
  --change 'CMD ["node"]' \
  --message "stand-in for $TAG: debootstrap bookworm + Node.js $node_version" \
  - "$TAG" >/dev/null
echo "stand-in-base: $TAG ready ($("$DOCKER" image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'))"
