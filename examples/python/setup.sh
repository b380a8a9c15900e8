#!/usr/bin/env bash
# Makes a virtual environment with the client's packages and generates the Python stubs of the
# search service from proto/ into it. Usage: examples/python/setup.sh [VENV]  (default: .venv here)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-$here/.venv}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import grpc, grpc_tools" 2>/dev/null; then
  PIP_RETRIES=0 "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
fi
# The stubs live in the venv, never under a folder named grpc/ (it would shadow grpcio).
gen="$venv/automoe_stubs"
mkdir -p "$gen"
"$venv/bin/python" -m grpc_tools.protoc \
  -I "$root/proto/src/main/proto" -I "$root/proto/src/main/service" \
  --python_out="$gen" --grpc_python_out="$gen" \
  "$root"/proto/src/main/proto/automoe/v1/*.proto "$root/proto/src/main/service/automoe/v1/search_service.proto"
echo "$venv"
