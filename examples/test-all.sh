#!/usr/bin/env bash
# Runs every test of Isthmus: unit, component (libvirt test driver, H2, network namespaces),
# deployment (Arquillian on Payara Micro, and on PostgreSQL) and the system test of the emulated federation.
# Installs the system packages the tests need when it can (root with apt-get); otherwise
# stops with the exact command to run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ldconfig -p 2>/dev/null | grep -q 'libvirt\.so\.0' || need+=(libvirt0)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v mvn >/dev/null 2>&1 || need+=(maven)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)   # the broker's production database
command -v iperf3 >/dev/null 2>&1 || need+=(iperf3)                            # QoS measured through tc HTB
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)      # tenant isolation at gateways
command -v openvpn >/dev/null 2>&1 || [ -x /usr/sbin/openvpn ] || need+=(openvpn) # the encrypted tunnel kind
command -v openssl >/dev/null 2>&1 || need+=(openssl)                           # per-stitch TLS keys for openvpn
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)                         # reachability across the data plane
# The small test guest image (io.isthmus.rms.emulation.TestGuestImage) is built from these and booted by QEMU (TCG).
ls /boot/vmlinuz-*-cloud-amd64 >/dev/null 2>&1 || need+=(linux-image-cloud-amd64)
ldd /bin/busybox 2>&1 | grep -q 'not a dynamic' || need+=(busybox-static)
command -v mke2fs >/dev/null 2>&1 || [ -x /sbin/mke2fs ] || need+=(e2fsprogs)
command -v qemu-img >/dev/null 2>&1 || need+=(qemu-utils)
command -v qemu-system-x86_64 >/dev/null 2>&1 || need+=(qemu-system-x86)
command -v genisoimage >/dev/null 2>&1 || need+=(genisoimage)                   # NoCloud seeds
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages: ${need[*]}" >&2
    echo "install them with:  sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
if [ "$(id -u)" != 0 ]; then
  echo "note: not root — tests that build network namespaces and tunnels are skipped" >&2
fi
exec mvn -B -ntp verify "$@"
