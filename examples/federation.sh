#!/usr/bin/env bash
# Starts the Isthmus emulated federation on this machine: broker (Payara Micro), sites site-a and site-b,
# site gateways gw-a, gw-b, requester gateways gw-req and gw-req2 (one per tenant), and (as root) the emulated
# data plane in network namespaces: WAN, gateways, tenant networks, site LANs and site hosts.
# As root each emulated host runs its own libvirtd and the L1 VMs are real QEMU guests of the test image
# (--guests stand-in: libvirt's test driver with a veth per VM NIC instead).
# --identity keycloak also starts Keycloak with realm isthmus (docs/identity.md); the broker does not use it yet.
# Usage: examples/federation.sh [--rebuild] [--run-dir DIR] [--ports-base N] [--hold-seconds N] [--guests qemu|stand-in]
#        [--identity none|keycloak] [--keycloak-cache DIR]
# Ctrl-C stops everything and removes the namespaces.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
version=0.1.0-SNAPSHOT

rebuild=0
args=()
for arg in "$@"; do
  if [[ $arg == --rebuild ]]; then rebuild=1; else args+=("$arg"); fi
done

have_libvirt() {
  local dir
  for dir in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib; do
    [[ -e $dir/libvirt.so.0 ]] && return 0
  done
  return 1
}

packages=()
have_libvirt || packages+=(libvirt0)
command -v ip >/dev/null 2>&1 || [[ -x /usr/sbin/ip || -x /sbin/ip ]] || packages+=(iproute2)
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
if [[ $(id -u) -eq 0 && " ${args[*]} " != *" stand-in "* ]]; then
  # real L1 guests: each emulated host runs its own libvirtd with QEMU, booting the test guest image
  [[ -x /usr/sbin/libvirtd ]] || packages+=(libvirt-daemon)
  ls /usr/lib/*/libvirt/connection-driver/libvirt_driver_qemu.so >/dev/null 2>&1 || packages+=(libvirt-daemon-driver-qemu)
  command -v qemu-system-x86_64 >/dev/null 2>&1 || packages+=(qemu-system-x86)
  command -v qemu-img >/dev/null 2>&1 || packages+=(qemu-utils)
  command -v genisoimage >/dev/null 2>&1 || packages+=(genisoimage)
  ls /boot/vmlinuz-*-cloud-amd64 >/dev/null 2>&1 || packages+=(linux-image-cloud-amd64)
  ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' || packages+=(busybox-static)
  command -v mke2fs >/dev/null 2>&1 || [[ -x /sbin/mke2fs ]] || packages+=(e2fsprogs)
fi
if ((${#packages[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${packages[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
  else
    echo "Missing packages. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
    exit 1
  fi
fi

artifacts=(
  "$root/datacenter-rms/target/isthmus-datacenter-rms-$version.jar"
  "$root/gateway-node/target/isthmus-gateway-node-$version.jar"
  "$root/broker-ear/broker-web/target/isthmus.war"
  "$root/examples/target/payara-micro.jar"
  "$root/examples/target/isthmus-examples-$version.jar"
)
if [[ " ${args[*]} " == *" --identity keycloak "* ]]; then
  artifacts+=("$root/examples/target/keycloak-quarkus-dist.zip")
fi
built=1
for artifact in "${artifacts[@]}"; do
  [[ -f $artifact ]] || built=0
done
if ((rebuild == 1 || built == 0)); then
  echo "Building Isthmus (mvn -B -q -DskipTests install) ..."
  (cd "$root" && mvn -B -q -DskipTests install)
fi

exec java -jar "$root/examples/target/isthmus-examples-$version.jar" --home "$root" "${args[@]}"
