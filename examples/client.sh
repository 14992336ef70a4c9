#!/usr/bin/env bash
# Submits a VI document (default examples/two-site-vi.xml) to the broker through SOAP:
# reserve -> reserveCommit -> provision, printing the states and where each L1 VM runs; then release and
# terminate (unless --keep).
# Usage: examples/client.sh [--broker SOAP_URL] [--vi FILE] [--keep] [--keep-window] [--requester ID]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
jar="$root/examples/target/isthmus-examples-0.1.0-SNAPSHOT.jar"

if [[ ! -f $jar ]]; then
  echo "Building Isthmus (mvn -B -q -DskipTests install) ..."
  (cd "$root" && mvn -B -q -DskipTests install)
fi
exec java -cp "$jar" io.isthmus.examples.client.ClientMain --vi "$here/two-site-vi.xml" "$@"
