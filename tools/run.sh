#!/usr/bin/env bash
# Sets up, builds and runs Mailroom from the source tree. With no API key
# stored it starts in demo mode, against the built-in simulator.
set -eu
cd "$(dirname "$0")/.."

tools/deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export MR_SIM_PRICING="$PWD/data/sim-pricing.json"
if [ -x _build/src/gui/mailroom ]; then
  exec _build/src/gui/mailroom "$@"
fi

# Until the window exists: a simulator and a quote from the command line.
_build/src/cli/mailroom-cli --demo quote examples/three-domains.json
