// The list of pages on its own (no React), so the service worker can use it too.

/** The paths the app knows. The server returns index.html for each of them. */
export const ROUTES = {
  welcome: '/',
  login: '/login',
  signup: '/signup',
  callback: '/auth/callback',
  home: '/home',
  adminAccounts: '/admin/accounts',
  adminCaseloads: '/admin/caseloads',
  /** The chat; the open conversation is in the query: `/chat?c=<id>`. */
  chat: '/chat',
  /** Self-help programmes: the catalogue and the client's own programmes. */
  programmes: '/programmes',
  /** The client's mood and stress check-in, their trends and the daily reminder. */
  checkin: '/checkin',
  /** A therapist's view of one client (mood, nudges, messages, programmes): `/therapist/client?id=<client id>`. */
  therapistClient: '/therapist/client',
  /** A therapist's dashboard: the whole caseload at a glance, who needs attention first. */
  therapistDashboard: '/therapist/dashboard',
  /** The moderators' console: live queue of escalations; the one opened is in the query: `/moderation?id=<id>`. */
  moderation: '/moderation',
  /** Safety figures for moderators and admins; the period is in the query: `/moderation/stats?days=30`. */
  moderationStats: '/moderation/stats',
  /** "Who looked at my file": the client's own audit log. */
  audit: '/privacy/audit',
  /** Web Push on this device and which kinds of notification (src/push). */
  notificationSettings: '/settings/notifications',
} as const;
