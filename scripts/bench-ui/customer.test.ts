import { describe, expect, it } from 'vitest';
import { customerDelays } from './customer';

describe('customerDelays', () => {
  it('pairs each answer with the nearest customer update and counts the ones never seen', () => {
    const answers = [1_000, 1_200, 1_400, 5_000];
    const updates = [1_030, 1_190, 1_450];
    expect(customerDelays(answers, updates, 100)).toEqual({ delays: [30, -10, 50], missed: 1 });
  });
});
