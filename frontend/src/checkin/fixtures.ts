import type { CheckIn, Trends, TrendDay } from './types';

/** Test data in the shapes of the check-in contract. */

export const TAGS = ['sleep', 'school', 'friends', 'family', 'health', 'sport', 'screens', 'alone', 'hobbies', 'money'];

export function checkIn(overrides: Partial<CheckIn> = {}): CheckIn {
  return {
    id: '6f1c2b9e-0a4d-4c1e-9a7b-1d2e3f405060',
    at: '2026-11-20T18:00:00Z',
    date: '2026-11-20',
    mood: 6,
    stress: 4,
    tags: ['school'],
    note: null,
    ...overrides,
  };
}

/** Seven days (14–20 November 2026) with check-ins on three of them. */
export function trends(overrides: Partial<Trends> = {}): Trends {
  const days: TrendDay[] = [
    { date: '2026-11-14', mood: 5, stress: 6, count: 1 },
    { date: '2026-11-15', mood: null, stress: null, count: 0 },
    { date: '2026-11-16', mood: 4.5, stress: 7, count: 2 },
    { date: '2026-11-17', mood: null, stress: null, count: 0 },
    { date: '2026-11-18', mood: null, stress: null, count: 0 },
    { date: '2026-11-19', mood: null, stress: null, count: 0 },
    { date: '2026-11-20', mood: 7, stress: 3, count: 1 },
  ];
  return {
    from: '2026-11-14',
    to: '2026-11-20',
    timezone: 'Europe/Brussels',
    days,
    average7: { mood: 5.3, stress: 5.8, count: 4 },
    previous7: { mood: 6.5, stress: 4, count: 3 },
    average30: { mood: 5.8, stress: 5, count: 7 },
    direction: 'DOWN',
    weekdays: [
      { weekday: 1, mood: 4.5, stress: 7, count: 2 },
      { weekday: 2, mood: null, stress: null, count: 0 },
      { weekday: 3, mood: null, stress: null, count: 0 },
      { weekday: 4, mood: null, stress: null, count: 0 },
      { weekday: 5, mood: 7, stress: 3, count: 1 },
      { weekday: 6, mood: 5, stress: 6, count: 1 },
      { weekday: 7, mood: null, stress: null, count: 0 },
    ],
    tags: [
      { tag: 'school', count: 3, moodWith: 4.7, moodWithout: 7, difference: -2.3 },
      { tag: 'sleep', count: 1, moodWith: 5, moodWithout: 5.3, difference: -0.3 },
      { tag: 'friends', count: 2, moodWith: 6.5, moodWithout: 4.5, difference: 2 },
    ],
    lowMoodTags: ['school'],
    highMoodTags: ['friends'],
    ...overrides,
  };
}

/**
 * A period of `length` days up to 20 November 2026 with a single check-in, `daysAgo` days
 * before its last day (as a client who just started sees it).
 */
export function oneCheckInTrends(length = 30, daysAgo = 0, mood = 6, stress = 4): Trends {
  const last = Date.UTC(2026, 10, 20);
  const days: TrendDay[] = Array.from({ length }, (_, index) => {
    const date = new Date(last - (length - 1 - index) * 86_400_000).toISOString().slice(0, 10);
    return index === length - 1 - daysAgo ? { date, mood, stress, count: 1 } : { date, mood: null, stress: null, count: 0 };
  });
  const average = { mood, stress, count: 1 };
  const weekday = new Date(last - daysAgo * 86_400_000).getUTCDay() || 7;
  return trends({
    from: days[0]?.date ?? '2026-11-20',
    days,
    average7: daysAgo < 7 ? average : { mood: null, stress: null, count: 0 },
    previous7: { mood: null, stress: null, count: 0 },
    average30: average,
    direction: null,
    weekdays: [1, 2, 3, 4, 5, 6, 7].map((day) => (day === weekday ? { weekday: day, ...average } : { weekday: day, mood: null, stress: null, count: 0 })),
    tags: [],
    lowMoodTags: [],
    highMoodTags: [],
  });
}
