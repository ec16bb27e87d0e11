import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { BOTH_LANGUAGES } from '../test/translations';
import { announcementOf, senderLabel } from './announce';
import { emptyConversation, type ChatMessage, type ConversationState } from './conversation';

const conversation: ConversationState = {
  ...emptyConversation('c-1'),
  participants: [
    { id: 'me', pseudonym: 'Sam', role: 'CLIENT', online: true },
    { id: 'th', pseudonym: 'Dr. Noor Peeters', role: 'THERAPIST', online: true },
    { id: 'mod', pseudonym: 'Moderator Jules', role: 'MODERATOR', online: true },
  ],
};

function message(senderId: string, body: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { key: body, conversationId: 'c-1', seq: 1, senderId, clientMessageId: null, body, createdAt: '2026-01-01T10:00:00Z', failed: null, ...extra };
}

const i18n = createI18n('nl', BOTH_LANGUAGES);

describe('what a screen reader hears for a new message', () => {
  it("names the therapist for the therapist's message", () => {
    expect(announcementOf(message('th', 'Hoi'), conversation, 'Dr. Noor Peeters', i18n.t)).toBe('Nieuw bericht van Dr. Noor Peeters: Hoi');
  });

  it("names the moderator, as a moderator, for a moderator's message", () => {
    expect(announcementOf(message('mod', 'Ik ben er'), conversation, 'Dr. Noor Peeters', i18n.t)).toBe(
      'Nieuw bericht van Moderator Jules (moderator): Ik ben er',
    );
    expect(senderLabel(message('x', 'a', { data: { senderRole: 'MODERATOR' } }), conversation, 'Iemand', i18n.t)).toBe('Iemand (moderator)');
  });

  it('reads a moderator joining as a notice, not as a message from the therapist', () => {
    const joined = message('guide', 'Moderator Jules doet mee.', { kind: 'NOTICE', data: { notice: 'moderator-joined', moderator: 'Moderator Jules' } });
    const heard = announcementOf(joined, conversation, 'Dr. Noor Peeters', i18n.t);
    expect(heard).toBe('Moderator Jules van het Cocon-team doet mee in dit gesprek.');
    expect(heard).not.toContain('Dr. Noor Peeters');
  });

  it('reads other notices (a reminder, the end of a programme) as notices', () => {
    const reminder = message('guide', 'Tijd voor je check-in.', { kind: 'NOTICE', data: { notice: 'checkin-reminder' } });
    expect(announcementOf(reminder, conversation, 'Dr. Noor Peeters', i18n.t)).toBe('Melding: Tijd voor je check-in.');
  });
});
