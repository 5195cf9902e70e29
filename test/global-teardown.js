// After the run: the run's tmpfs scratch folder (global-setup.js), whatever a test left in it.
const fs = require('fs');

module.exports = () => {
  const scratch = process.env.FLEETSYNTH_TEST_SCRATCH;
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
};
