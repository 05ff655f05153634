import { forecastDemand } from './forecast';
import { CROSTON, HOLT_WINTERS, NAIVE, SES, WEEKDAY_PROFILE } from './methods';

const days = (n: number, f: (t: number) => number) => Array.from({ length: n }, (_, t) => f(t));
const WEEK = [0, 10, 12, 8, 10, 15, 3];

describe('forecastDemand: synthetic series with a known answer', () => {
  it('constant series → every day of the horizon is the constant, error 0, the simplest method', () => {
    const r = forecastDemand(days(120, () => 10));
    expect(r.selection).toBe('BACKTEST');
    expect(r.method).toBe('NAIVE');
    expect(r.horizon).toHaveLength(28);
    for (const f of r.horizon) {
      expect(f).toBeCloseTo(10, 9);
    }
    expect(r.avgDaily).toBeCloseTo(10, 9);
    expect(r.wapePct).toBeCloseTo(0, 9);
    expect(r.mapePct).toBeCloseTo(0, 9);
    expect(r.rmseDaily).toBeCloseTo(0, 9);
    expect(r.candidates.map((c) => c.method)).toEqual(['NAIVE', 'SES', 'WEEKDAY_PROFILE', 'HOLT_WINTERS']);
    expect(r.intermittent).toBe(false);
  });

  it('pure weekly pattern → a seasonal method wins and reproduces the pattern', () => {
    const r = forecastDemand(days(119, (t) => WEEK[t % 7] as number));
    expect(['WEEKDAY_PROFILE', 'HOLT_WINTERS']).toContain(r.method);
    expect(r.method).toBe('WEEKDAY_PROFILE'); // tie with Holt-Winters: the simpler one
    expect(r.wapePct).toBeCloseTo(0, 9);
    // the series (after the leading zero day) continues at t = 119, 120, …
    r.horizon.forEach((f, k) => expect(f).toBeCloseTo(WEEK[(119 + k) % 7] as number, 9));
    const ses = r.candidates.find((c) => c.method === 'SES');
    expect(ses?.wapePct).toBeGreaterThan(20);
    expect(r.avgDaily).toBeCloseTo(58 / 7, 9);
  });

  it('weekly pattern with noise → a seasonal method still wins by WAPE', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const r = forecastDemand(days(120, (t) => Math.max(0, 20 + 2 * ((WEEK[t % 7] as number) - 8) + rnd())));
    expect(['WEEKDAY_PROFILE', 'HOLT_WINTERS']).toContain(r.method);
    expect(r.wapePct as number).toBeLessThan(5);
  });

  it('linear trend → Holt-Winters with a trend wins and continues the line', () => {
    const r = forecastDemand(days(120, (t) => 10 + 0.5 * t));
    expect(r.method).toBe('HOLT_WINTERS');
    expect(r.params['beta']).toBeGreaterThan(0);
    expect(r.wapePct).toBeCloseTo(0, 6);
    expect(r.horizon[0]).toBeCloseTo(70, 6);
    expect(r.horizon[27]).toBeCloseTo(83.5, 6);
  });

  it('all-zero history → forecast 0, fallback, no accuracy', () => {
    const r = forecastDemand(days(120, () => 0));
    expect(r).toMatchObject({ method: 'MEAN', selection: 'FALLBACK', avgDaily: 0, wapePct: null, mapePct: null, rmseDaily: 0, historyDays: 0, candidates: [] });
    expect(r.horizon).toEqual(new Array(28).fill(0));
  });

  it('short history → the mean of the days there are (leading zero days dropped)', () => {
    const r = forecastDemand([0, 0, 0, 4, 6, 5, 5]);
    expect(r).toMatchObject({ method: 'MEAN', selection: 'FALLBACK', historyDays: 4 });
    expect(r.avgDaily).toBeCloseTo(5, 12);
    expect(r.rmseDaily).toBeCloseTo(Math.sqrt(0.5), 12);
  });

  it('the back-test shrinks to the folds that fit: 28 days → one weekly fold', () => {
    const r = forecastDemand(days(28, () => 3));
    expect(r.selection).toBe('BACKTEST');
    expect(r.horizon[0]).toBeCloseTo(3, 9);
    expect(forecastDemand(days(27, () => 3)).selection).toBe('FALLBACK');
  });

  it('intermittent demand → a sane non-negative rate near the true one, Croston competes, MAPE only over demand days', () => {
    // 6 units every 4th day: 1.5 a day on average
    const r = forecastDemand(days(120, (t) => (t % 4 === 0 ? 6 : 0)));
    expect(r.intermittent).toBe(true);
    expect(r.candidates.map((c) => c.method)).toContain('CROSTON');
    expect(r.avgDaily).toBeGreaterThan(1);
    expect(r.avgDaily).toBeLessThan(2.2);
    for (const f of r.horizon) expect(f).toBeGreaterThanOrEqual(0);
    const croston = r.candidates.find((c) => c.method === 'CROSTON');
    expect(croston?.mapePct).not.toBeNull();
  });

  it('lumpy intermittent demand is ranked by squared error: never the all-zero forecast of a quiet last day', () => {
    // 600 every 12th day (50 a day on average); the last day is quiet, so NAIVE forecasts 0
    const series = days(120, (t) => (t % 12 === 5 ? 600 : 0));
    expect(series[119]).toBe(0);
    const r = forecastDemand(series);
    expect(r.intermittent).toBe(true);
    expect(r.method).not.toBe('NAIVE');
    expect(r.avgDaily).toBeGreaterThan(25);
    expect(r.avgDaily).toBeLessThan(100);
    // by WAPE the all-zero forecast looks best (the median of mostly-zero days is 0)…
    const naive = r.candidates.find((c) => c.method === 'NAIVE');
    const chosen = r.candidates.find((c) => c.method === r.method);
    expect(naive?.wapePct).toBeCloseTo(100, 9);
    expect(chosen?.wapePct as number).toBeGreaterThan(100);
    // …by squared error the chosen one is better
    expect(chosen?.rmse as number).toBeLessThan(naive?.rmse as number);
  });

  it('a history that stopped → forecasts fall towards 0, never below', () => {
    const r = forecastDemand([...days(60, () => 8), ...days(60, () => 0)]);
    expect(r.avgDaily).toBeLessThan(0.5);
    expect(r.wapePct).toBeNull(); // nothing consumed in the back-test window
    for (const f of r.horizon) expect(f).toBeGreaterThanOrEqual(0);
  });

  it('negative net days (reversals) and non-finite values count as 0', () => {
    const r = forecastDemand([5, -2, Number.NaN, 5, 5]);
    expect(r.historyDays).toBe(5);
    expect(r.avgDaily).toBeCloseTo(3, 12);
  });

  it('honours the horizon option and refuses nonsense', () => {
    expect(forecastDemand(days(60, () => 1), { horizonDays: 7 }).horizon).toHaveLength(7);
    expect(() => forecastDemand([1], { horizonDays: 0 })).toThrow(RangeError);
  });
});

describe('methods', () => {
  it.each([
    ['NAIVE', NAIVE, [1, 2, 3, 4, 5, 6, 9], 9],
    ['SES on a constant', SES, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 4],
  ])('%s forecasts flat', (_n, spec, series, expected) => {
    const fitted = spec.fit(series);
    expect(fitted.forecast(series, 3).map((x) => Number(x.toFixed(9)))).toEqual([expected, expected, expected]);
  });

  it('SES chooses a large α for a level shift and a small α for noise around a level', () => {
    const shift = [...days(30, () => 10), ...days(30, () => 20)];
    expect(SES.fit(shift).params['alpha']).toBeGreaterThanOrEqual(0.9);
    const noise = days(60, (t) => 10 + (t % 2 ? 3 : -3));
    expect(SES.fit(noise).params['alpha']).toBe(0.05);
  });

  it('Croston does not apply to smooth demand', () => {
    expect(CROSTON.applies(days(30, () => 2))).toBe(false);
    expect(CROSTON.applies(days(30, (t) => (t % 3 ? 0 : 2)))).toBe(true);
  });

  it('the weekday profile averages the same weekday over the last 8 weeks', () => {
    const series = days(70, (t) => (t < 14 ? 100 : t % 7));
    const f = WEEKDAY_PROFILE.fit(series).forecast(series, 7);
    expect(f).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('Holt-Winters reproduces a weekly pattern on a trend', () => {
    const series = days(63, (t) => 50 + t + (WEEK[t % 7] as number));
    const fitted = HOLT_WINTERS.fit(series);
    fitted.forecast(series, 14).forEach((f, k) => expect(f).toBeCloseTo(50 + 63 + k + (WEEK[(63 + k) % 7] as number), 6));
  });
});
