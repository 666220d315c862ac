#!/usr/bin/env bash
# `npm run test:machine-node`: the suite on the machine's own Node.js rather than the one pinned in
# package.json, which every npm script runs (node_modules/.bin/node comes first on their PATH).
# A shim directory puts the machine's node first again for the test runner, its workers and the
# programs they start. One layer stays on the pinned Node: a test that runs `npm start` gets what a
# user gets, since npm puts node_modules/.bin first for that script again.
set -euo pipefail
cd "$(dirname "$0")/.."
machine_node="${npm_node_execpath:-$(command -v node)}"
pinned_version=$(node_modules/.bin/node --version)
machine_version=$("$machine_node" --version)
if [ "$machine_version" = "$pinned_version" ]; then
  echo "The machine's Node.js is the pinned $pinned_version; npm test has already run the suite on it."
  exit 0
fi
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
ln -s "$machine_node" "$shim/node"
echo "Running the suite on the machine's Node.js $machine_version (npm test runs it on $pinned_version)."
# The AWS SDK warns once per process that its releases after January 2027 need Node.js 22.
PATH="$shim:$PATH" LOCKSTEP_TEST_NODE=machine AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true \
  node node_modules/vitest/vitest.mjs run "$@"
