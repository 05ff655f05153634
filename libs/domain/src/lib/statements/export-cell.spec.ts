import { neutraliseCell } from './export-cell';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['\n=1', `'\n=1`],
    ['PO 4711', 'PO 4711'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
    ["'already quoted", "'already quoted"],
    ['螺栓 M8', '螺栓 M8'],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });
});
