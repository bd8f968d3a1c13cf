#!/usr/bin/env bash
# Drives `apiward lsp` from a real editor: Neovim (0.7 or later) run headless, with its own
# LSP client (no plugins). It opens a description, checks the diagnostics and their columns
# on a line with emoji, types a fix, applies the HTTPS quick fix and a suppression through
# code actions, and asks for a hover. Exits non-zero when any check fails.
#   scripts/nvim-smoke.sh [path/to/apiward]     (default: target/release/apiward)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../target/release/apiward}")
command -v nvim >/dev/null || { echo "nvim not found (apt-get install neovim)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/proj"
cat > "$work/proj/openapi.yaml" <<'YAML'
openapi: 3.0.3
info:
  title: Shop API
  version: "1.0"
servers:
  - url: http://api.example.com
paths:
  /orders/{id}:
    delete:
      summary: Delete an order
      parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]
      requestBody: {content: {application/json: {schema: {description: "🛒🛒", type: string}}}}
      responses:
        "204": {description: gone}
YAML
APIWARD_BIN="$bin" SMOKE_ROOT="$work/proj" timeout 120 \
  nvim --headless -u NONE -i NONE -n -c "luafile $here/nvim-smoke.lua" 2>&1 | tr -d '\r' | grep -v '^$'
