import { escapeXml } from '../twiml/escape-xml.ts';

/** One test as JUnit shows it; `failure` is the report's text, `error` a file that could not run. */
export interface JunitCase {
  file: string;
  name: string;
  seconds: number;
  failure?: { message: string; details: string };
}

/** JUnit XML (the schema CI servers read): one <testsuite> per test file. */
export function junitReport(cases: JunitCase[]): string {
  const files = [...new Set(cases.map((testCase) => testCase.file))];
  const total = (list: JunitCase[]) => list.reduce((sum, testCase) => sum + testCase.seconds, 0).toFixed(3);
  const failures = (list: JunitCase[]) => list.filter((testCase) => testCase.failure).length;
  const suites = files.map((file) => {
    const inFile = cases.filter((testCase) => testCase.file === file);
    const testcases = inFile.map((testCase) => {
      const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(testCase.name)}" time="${testCase.seconds.toFixed(3)}"`;
      if (!testCase.failure) return `${open}/>`;
      return `${open}>\n      <failure message="${escapeXml(testCase.failure.message)}">${escapeXml(testCase.failure.details)}</failure>\n    </testcase>`;
    });
    return [`  <testsuite name="${escapeXml(file)}" tests="${inFile.length}" failures="${failures(inFile)}" time="${total(inFile)}">`, ...testcases, '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="switchboard test" tests="${cases.length}" failures="${failures(cases)}" time="${total(cases)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
