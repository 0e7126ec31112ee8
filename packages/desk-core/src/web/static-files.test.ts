import { describe, expect, it } from 'vitest';
import { contentTypeOf } from './static-files';

describe('content types of the built renderer', () => {
  it('by extension, whatever its case', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('index.JS')).toBe('text/javascript; charset=utf-8');
  });
});
