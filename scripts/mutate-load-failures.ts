import type { RunnerTestFile as File, RunnerTestCase as Test } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * A Vitest reporter for `npm run mutate` that turns a test file which failed without any failed test — an import
 * that throws (e.g. a mutant that breaks a module-level constant the file imports), or a file-level `beforeAll`
 * that throws (e.g. a mutant that makes opening the fixture database fail), after which every test is skipped —
 * into one failed test, `(file failed to load)`.
 *
 * Why: StrykerJS's Vitest runner reads only tests. A file whose import throws has no tests, so a run where every
 * file fails to load reports zero failures and the mutant counts as "Survived" (`testsCompleted: 0`) although
 * the suite plainly fails. Most such mutants are "static" (module-level code), which is why layers/ showed false
 * survivors. The synthetic test carries the file's own error, so Stryker records a kill with its message; in the
 * initial (dry) run a file that cannot load fails the run, as it should.
 */
export class LoadFailureReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const m of testModules) {
      const file = (m as unknown as { task: File }).task;
      if (file.result?.state !== 'fail' || hasFailedTest(file)) continue;
      const errors = [...(file.result.errors ?? []), ...suiteErrors(file)];
      const test: Test = {
        type: 'test',
        id: `${file.id}_load`,
        name: '(file failed to load)',
        fullName: `${file.name} (file failed to load)`,
        mode: 'run',
        file,
        suite: file,
        context: undefined as unknown as Test['context'],
        meta: {},
        annotations: [],
        artifacts: [],
        timeout: 0,
        result: { state: 'fail', errors },
      } as unknown as Test;
      file.tasks.push(test);
    }
  }
}

function hasFailedTest(suite: { tasks: File['tasks'] }): boolean {
  return suite.tasks.some(
    (t) => (t.type === 'test' && t.result?.state === 'fail') || (t.type === 'suite' && hasFailedTest(t)),
  );
}

function suiteErrors(suite: { tasks: File['tasks'] }): NonNullable<NonNullable<File['result']>['errors']> {
  return suite.tasks.flatMap((t) =>
    t.type === 'suite' ? [...(t.result?.errors ?? []), ...suiteErrors(t)] : [],
  );
}
