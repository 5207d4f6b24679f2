// Mocha's spec output, closed by the plain line "N passed, N failed" that CI reads. When
// SELF_HEAL_TEST_TALLY names a file, the counts are also appended to it so that a script running
// several suites can print one total at the end. When SELF_HEAL_TEST_FAILURES names a file, each
// failure's title and the first line of its error go there, so that the end of a long log still
// names what failed first.
const fs = require('fs');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      if (!process.env.SELF_HEAL_TEST_FAILURES) return;
      const firstLine = String((error && error.message) || error).split('\n')[0].slice(0, 300);
      fs.appendFileSync(process.env.SELF_HEAL_TEST_FAILURES, `${test.fullTitle()}: ${firstLine}\n`);
    });
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
