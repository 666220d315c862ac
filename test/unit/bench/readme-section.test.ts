import { describe, expect, it } from 'vitest';
import { README_END, README_START, spliceReadme } from '../../../bench/report/readme-section';

describe('spliceReadme', () => {
  const section = `${README_START}\nnew figures\n${README_END}`;

  it('replaces only what lies between the markers', () => {
    const readme = `# title\n\n${README_START}\nold figures\n${README_END}\n\n## after\n`;
    expect(spliceReadme(readme, section)).toBe(`# title\n\n${section}\n\n## after\n`);
  });

  it('is undefined when a marker is missing or they are out of order', () => {
    expect(spliceReadme('# title\n', section)).toBeUndefined();
    expect(spliceReadme(`${README_START} only`, section)).toBeUndefined();
    expect(spliceReadme(`${README_END} then ${README_START}`, section)).toBeUndefined();
  });
});
