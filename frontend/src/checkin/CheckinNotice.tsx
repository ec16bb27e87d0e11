import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { REMINDER_NOTICE } from './types';
import './checkin.css';

/** The part of a chat message the reminder needs. */
interface NoticeMessage {
  body: string;
  kind?: string | undefined;
  data?: Record<string, unknown> | null | undefined;
}

/** The conversation in which the guide sends the daily check-in reminders. */
export const CHECKIN_KIND = 'CHECKIN';

/** Whether a chat message is the guide's daily check-in reminder. */
export function isCheckinReminder(message: NoticeMessage): boolean {
  return message.kind === 'NOTICE' && message.data?.notice === REMINDER_NOTICE;
}

/** The daily reminder in the chat: its text and the way to the check-in. */
export function CheckinReminderItem({ message }: { message: NoticeMessage }) {
  const { t } = useTranslation();
  return (
    <li className="checkin-notice">
      <p className="system-line">
        {message.body || t('checkin.chat.reminder')}{' '}
        <Link className="checkin-notice__link" to={ROUTES.checkin}>
          {t('checkin.chat.open')}
        </Link>
      </p>
    </li>
  );
}

/** Instead of a composer in the check-in conversation (nobody writes there). */
export function CheckinConversationHint() {
  const { t } = useTranslation();
  return (
    <p className="composer composer__hint checkin-hint">
      {t('checkin.chat.hint')} <Link to={ROUTES.checkin}>{t('checkin.chat.open')}</Link>
    </p>
  );
}
