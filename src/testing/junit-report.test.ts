import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitReport } from './junit-report.ts';

describe('junitReport', () => {
  it('writes one suite per file, with failures and escaped text', () => {
    const xml = junitReport([
      { file: 'a.flowtest.yaml', name: 'passes', seconds: 0.012 },
      { file: 'a.flowtest.yaml', name: 'fails <badly> & "loudly"', seconds: 0.5, failure: { message: 'expected: "x"', details: 'expected: "x"\nactual: "y"' } },
      { file: 'b.flowtest.yaml', name: 'passes too', seconds: 0 },
    ]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ tests: '3', failures: '1', time: '0.512' });
    const [a, b] = parsed.testsuites.testsuite;
    expect(a).toMatchObject({ name: 'a.flowtest.yaml', tests: '2', failures: '1' });
    expect(a.testcase[1]).toMatchObject({ name: 'fails <badly> & "loudly"', failure: { message: 'expected: "x"', '#text': 'expected: "x"\nactual: "y"' } });
    expect(b.testcase).toMatchObject({ name: 'passes too', classname: 'b.flowtest.yaml', time: '0.000' });
  });
});
