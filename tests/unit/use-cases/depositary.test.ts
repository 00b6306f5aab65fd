import { describe, expect, test } from 'vitest';
import { DEFAULT_DEPOSITARY, depositaryFromEnv } from '../../../shared/use-cases/ports.js';

describe("the depositary's settings", () => {
  test('default to UTC and DN', () => {
    expect(depositaryFromEnv({})).toEqual(DEFAULT_DEPOSITARY);
  });

  test('take an IANA zone and a prefix as given', () => {
    expect(
      depositaryFromEnv({ DEPOSITARY_TIME_ZONE: 'Asia/Bishkek', NOTIFICATION_PREFIX: 'OTS.DN' }),
    ).toEqual({ timeZone: 'Asia/Bishkek', notificationPrefix: 'OTS.DN' });
  });

  test('refuse at start what is no IANA name, in its exact spelling, or a malformed prefix', () => {
    for (const zone of ['Asia/Nowhere', 'asia/bishkek', '+06:00'])
      expect(() => depositaryFromEnv({ DEPOSITARY_TIME_ZONE: zone })).toThrow(/IANA time zone/);
    expect(() => depositaryFromEnv({ NOTIFICATION_PREFIX: 'dn' })).toThrow(/NOTIFICATION_PREFIX/);
  });
});
