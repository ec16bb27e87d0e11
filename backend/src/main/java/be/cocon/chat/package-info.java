/**
 * Conversations and their persisted, ordered messages; the live STOMP channel with
 * acknowledgements, delivery, resume, typing, presence and read markers.
 * <p>
 * Other modules use {@link be.cocon.chat.ConversationKind} and listen to
 * {@link be.cocon.chat.MessagePosted}; everything else is internal.
 */
@NullMarked
@ApplicationModule(displayName = "Chat")
package be.cocon.chat;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
