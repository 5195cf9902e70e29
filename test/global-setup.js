// Before any test: build/ (what the fleetsynth command and the packed package run) is as new as lib/.
module.exports = () => require('../scripts/build.js').ensureBuilt();
