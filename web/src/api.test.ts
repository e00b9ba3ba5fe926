import { describe, expect, it } from 'vitest';
import { apiUrl, apiView, sameQuestion } from './api.ts';

const paging = ['limit', 'offset', 'sort', 'order'];
const y2024 = apiUrl('anvisning/statistik', { kommunekode: '0999', aar: 2024 });
const y2025 = apiUrl('anvisning/statistik', { kommunekode: '0999', aar: 2025 });

describe('sameQuestion', () => {
  it('is the same URL, or the same path and params up to their order and the paging ones', () => {
    expect(sameQuestion(y2024, y2024)).toBe(true);
    expect(sameQuestion('/api/afdelinger?kommunekode=0999&q=a', '/api/afdelinger?q=a&kommunekode=0999')).toBe(true);
    expect(sameQuestion('/api/afdelinger?kommunekode=0999&limit=25', '/api/afdelinger?kommunekode=0999&limit=25&offset=25&sort=navn', paging)).toBe(true);
  });
  it('is another question when a parameter that is not paging, or the path, differs', () => {
    expect(sameQuestion(y2024, y2025)).toBe(false);
    expect(sameQuestion('/api/afdelinger?kommunekode=0999&offset=25', '/api/afdelinger?kommunekode=0999')).toBe(false);
    expect(sameQuestion('/api/afdelinger?kommunekode=0999', '/api/afdelinger?kommunekode=0101', paging)).toBe(false);
    expect(sameQuestion('/api/afdelinger?kommunekode=0999', '/api/afdelinger?kommunekode=0999&q=g%C3%A5rden', paging)).toBe(false);
    expect(sameQuestion('/api/ansoegere/1/boliger', '/api/ansoegere/2/boliger')).toBe(false);
  });
});

describe('apiView: whether the data answers the current URL', () => {
  it('before the first answer: loading, nothing, not stale', () => {
    expect(apiView({ url: null, loading: true }, y2024)).toEqual({ data: undefined, error: undefined, loading: true, dataFor: undefined, stale: false, current: undefined });
  });
  it('an answer to the current URL is current', () => {
    const v = apiView({ url: y2024, data: { aar: 2024 }, dataFor: y2024, loading: false }, y2024);
    expect(v).toMatchObject({ loading: false, stale: false, dataFor: y2024, current: { aar: 2024 } });
  });
  it('while the same URL is read again (reload), the data stays current and loading is true', () => {
    const v = apiView({ url: y2024, data: { aar: 2024 }, dataFor: y2024, loading: true }, y2024);
    expect(v).toMatchObject({ loading: true, stale: false, current: { aar: 2024 } });
  });
  it('in the render where the params change, before the new read starts, the old data is stale', () => {
    // The effect has not run yet: the state still names the old URL.
    const v = apiView({ url: y2024, data: { aar: 2024 }, dataFor: y2024, loading: false }, y2025);
    expect(v).toMatchObject({ data: { aar: 2024 }, dataFor: y2024, loading: true, stale: true, current: undefined });
  });
  it('while another question is read, data keeps the old answer but current is empty', () => {
    const v = apiView({ url: y2025, data: { aar: 2024 }, dataFor: y2024, loading: true }, y2025);
    expect(v).toMatchObject({ data: { aar: 2024 }, loading: true, stale: true, current: undefined });
  });
  it('with paging parameters, another page of the same list keeps its rows as current', () => {
    const p1 = apiUrl('afdelinger', { kommunekode: '0999', limit: 25, offset: 0 });
    const p2 = apiUrl('afdelinger', { kommunekode: '0999', limit: 25, offset: 25 });
    const other = apiUrl('afdelinger', { kommunekode: '0101', limit: 25, offset: 0 });
    const s = { url: p2, data: ['side 1'], dataFor: p1, loading: true };
    expect(apiView(s, p2, paging)).toMatchObject({ stale: false, loading: true, current: ['side 1'] });
    expect(apiView(s, p2)).toMatchObject({ stale: true, current: undefined });
    expect(apiView({ ...s, url: other }, other, paging)).toMatchObject({ stale: true, current: undefined });
  });
  it('with no URL (a null path) old data answers nothing that is asked', () => {
    expect(apiView({ url: y2024, data: { aar: 2024 }, dataFor: y2024, loading: false }, null)).toMatchObject({ stale: true, current: undefined });
  });
  it('after a failed read: the error, no data, nothing stale', () => {
    const error = Object.assign(new Error('Der skete en fejl på serveren. Prøv igen om lidt.'), { status: 500 });
    const v = apiView({ url: y2025, error: error as never, loading: false }, y2025);
    expect(v).toMatchObject({ data: undefined, dataFor: undefined, stale: false, current: undefined, loading: false });
    expect(v.error).toBe(error);
  });
});
