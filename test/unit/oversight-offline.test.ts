// The one message shape shared with the service worker: {type: 'chiso-cache', cached: boolean}.
import { describe, expect, it } from 'vitest';
import { isCacheMessage } from '../../src/stores/offline';

describe('isCacheMessage', () => {
  it('accepts only the agreed shape', () => {
    expect(isCacheMessage({ type: 'chiso-cache', cached: true })).toBe(true);
    expect(isCacheMessage({ type: 'chiso-cache', cached: false })).toBe(true);
    expect(isCacheMessage({ type: 'chiso-cache', cached: 'yes' })).toBe(false);
    expect(isCacheMessage({ type: 'chiso-embed-height', height: 10 })).toBe(false);
    expect(isCacheMessage(null)).toBe(false);
    expect(isCacheMessage('chiso-cache')).toBe(false);
  });
});
