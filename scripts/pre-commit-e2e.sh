#!/usr/bin/env bash
# The pre-commit hooks of this repository under the real pre-commit (pip install pre-commit),
# in a temporary git repository holding a small service: a description with a `$ref`'d
# fragment, and an axum crate whose auth extractor lives in another file than its routes.
# Three commits are tried: a `maxLength` removed from the fragment (must fail), an
# unauthenticated DELETE route added (must fail), a comment added (must pass).
#
# Usage: scripts/pre-commit-e2e.sh [APIWARD_BINARY]   (default: target/debug/apiward, built
# if missing). The hook is taken from this repository's HEAD, as `rev:` pins it; nothing is
# fetched from the network.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v pre-commit >/dev/null || { echo "pre-commit-e2e: pre-commit is not installed (pip install pre-commit)" >&2; exit 2; }
bin="${1:-$repo/target/debug/apiward}"
[ -x "$bin" ] || cargo build -q -p apiward --manifest-path "$repo/Cargo.toml"
export APIWARD="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
rev="$(git -C "$repo" rev-parse HEAD)"

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache"
work="$tmp/shop"
mkdir -p "$work/src" "$work/api/schemas"
cd "$work"
cat > Cargo.toml <<'EOF'
[package]
name = "shop"
version = "0.1.0"
edition = "2021"

[dependencies]
axum = "0.8"
EOF
cat > src/main.rs <<'EOF'
mod auth;
mod users;

use axum::Router;

fn app() -> Router {
    Router::new().merge(users::router())
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
EOF
cat > src/auth.rs <<'EOF'
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, StatusCode};

/// The signed-in caller, from the bearer token.
pub struct Caller(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(StatusCode::UNAUTHORIZED)?;
        Ok(Caller(token.to_str().unwrap_or_default().to_owned()))
    }
}
EOF
cat > src/users.rs <<'EOF'
use axum::extract::Path;
use axum::routing::{delete, get};
use axum::{Json, Router};

use crate::auth::Caller;

pub fn router() -> Router {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}", delete(remove))
}

pub async fn list(_caller: Caller) -> Json<Vec<String>> {
    Json(Vec::new())
}

pub async fn create(_caller: Caller, Json(name): Json<String>) -> Json<String> {
    Json(name)
}

pub async fn remove(_caller: Caller, Path(id): Path<u64>) -> String {
    id.to_string()
}
EOF
cat > api/openapi.yaml <<'EOF'
openapi: 3.0.3
info:
  title: Shop
  version: "1.0"
servers:
  - url: https://shop.example/
security:
  - bearer: []
paths:
  /users:
    get:
      responses:
        "200":
          description: the users
        "401":
          description: no credentials
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: "schemas/user.yaml"
      responses:
        "201":
          description: created
        "401":
          description: no credentials
  /users/{id}:
    delete:
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: integer, format: int64, maximum: 1000000}
      responses:
        "204":
          description: deleted
        "401":
          description: no credentials
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
EOF
cat > api/schemas/user.yaml <<'EOF'
type: object
additionalProperties: false
properties:
  name:
    type: string
    maxLength: 64
  email:
    type: string
    maxLength: 254
EOF
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: apiward
EOF
git init -q
git -c user.name=t -c user.email=t@t add -A
git -c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -qm shop --no-verify

failed=0
try() {  # try NAME EXPECTED-EXIT: stage the edits made, run pre-commit, undo them
  local name="$1" want="$2" code=0
  git add -A
  pre-commit run >"$tmp/out.txt" 2>&1 || code=$?
  if { [ "$want" = 0 ] && [ "$code" -ne 0 ]; } || { [ "$want" != 0 ] && [ "$code" -eq 0 ]; }; then
    echo "FAIL $name: pre-commit exited $code"; cat "$tmp/out.txt"; failed=1
  else
    echo "  ok $name: pre-commit exited $code"; grep -E "warning|error|Passed|Failed" "$tmp/out.txt" | head -5 | sed 's/^/     /'
  fi
  git reset -q --hard
}

sed -i '/maxLength: 254/d' api/schemas/user.yaml
try "fragment loses a maxLength" 1
sed -i 's|delete(remove))|delete(remove))\n        .route("/archive", delete(purge))|' src/users.rs
printf '\npub async fn purge() -> &'"'"'static str {\n    "purged"\n}\n' >> src/users.rs
try "unauthenticated DELETE route" 1
sed -i 's|^use crate::auth::Caller;|use crate::auth::Caller;\n// Users.|' src/users.rs
printf 'on: push\n' > ci.yaml
try "comment and a CI file" 0
exit "$failed"
