// Prints the closing totals line `N passed, N failed` that CI reads; Jest hides its own summary when CI=true.
// Skipped tests (e.g. a check that needs Docker Compose) are told on a line of their own before it,
// so the last line keeps exactly the contract's shape.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    if (skipped) process.stdout.write(`\n${skipped} skipped`);
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
