// Mocha's spec output, closed by the plain line "N passed, N failed" that CI reads. When
// SELF_HEAL_TEST_TALLY names a file, the counts are also appended to it so that a script running
// several suites can print one total at the end.
const fs = require('fs');
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
      if (process.env.SELF_HEAL_TEST_TALLY) {
        fs.appendFileSync(process.env.SELF_HEAL_TEST_TALLY, `${passes} ${failures}\n`);
      }
    });
  }
}

module.exports = SummaryReporter;
