import { estimateCalls } from '../../../src/core/plan';

describe('estimateCalls: what the review tells a person a run will cost', () => {
  test('tagged new rows: a look-up per 50, a create and a tag call each, no read for the id', () => {
    const estimate = estimateCalls(10_000, 'add-update', 1, 50);
    expect(estimate).toMatchObject({ lookups: 200, writes: 10_000, tags: 10_000, idReads: 0 });
    expect(estimate.calls).toBe(20_200);
    // Creates and tags go side by side, each at 50 a second.
    expect(estimate.seconds).toBe(200);
  });

  test('untagged new rows read the id their create did not answer with', () => {
    expect(estimateCalls(1_000, 'add', 0, 5)).toMatchObject({ idReads: 1_000, calls: 2_020 });
    expect(estimateCalls(1_000, 'add-all', 0, 5)).toMatchObject({ lookups: 0, calls: 2_000 });
  });

  test('updates create nothing, so they read no ids; 11 tags take two tag calls a row', () => {
    expect(estimateCalls(1_000, 'update', 0, 5)).toMatchObject({ idReads: 0, calls: 1_020 });
    expect(estimateCalls(1_000, 'update', 11, 5)).toMatchObject({ tags: 2_000, calls: 3_020 });
  });
});
