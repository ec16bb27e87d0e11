import { useTranslation } from 'react-i18next';
import { useChatFormat } from '../chat/chatFormat';
import { CrisisCard } from './CrisisCard';
import { safetyNotice, type SafetyNotice } from './types';

/** The part of a chat message a safety notice needs. */
export interface NoticeMessage {
  body: string;
  createdAt?: string | undefined;
  kind?: string | undefined;
  data?: Record<string, unknown> | null | undefined;
}

/** Whether a chat message is a safety notice (crisis card, moderator joined or left). */
export function isSafetyNotice(message: NoticeMessage): boolean {
  return safetyNotice(message.kind, message.data) !== null;
}

/** A safety notice in the conversation, as a list item: the crisis card or a short system line. */
export function SafetyNoticeItem({ message }: { message: NoticeMessage }) {
  const notice = safetyNotice(message.kind, message.data);
  if (!notice) return null;
  return <NoticeContent notice={notice} body={message.body} createdAt={message.createdAt} />;
}

function NoticeContent({ notice, body, createdAt }: { notice: SafetyNotice; body: string; createdAt: string | undefined }) {
  const { t } = useTranslation();
  const format = useChatFormat();
  if (notice.notice === 'crisis') {
    // Part of the card's name: several cards in one conversation must not share it.
    const when = createdAt ? `${format.day(createdAt)} ${format.preciseTime(createdAt)}`.trim() : undefined;
    return (
      <li className="safety-notice safety-notice--crisis">
        {notice.crisis ? (
          <CrisisCard card={notice.crisis} when={when || undefined} />
        ) : (
          <p className="system-line">
            {body} <a href="tel:112">{t('footer.emergency')}</a>
          </p>
        )}
      </li>
    );
  }
  const text =
    notice.notice === 'moderator-joined'
      ? t('safety.notice.moderatorJoined', { name: notice.moderator })
      : t('safety.notice.moderatorLeft', { name: notice.moderator });
  return (
    <li className="safety-notice">
      <p className="system-line">{text}</p>
    </li>
  );
}

/** "Moderator" next to the name of a moderator who writes in the conversation. */
export function ModeratorBadge() {
  const { t } = useTranslation();
  return <span className="moderator-badge">{t('safety.moderatorBadge')}</span>;
}
