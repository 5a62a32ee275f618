package org.liaison.gateway.api;

import java.util.UUID;
import org.liaison.gateway.store.InboxStore;

/**
 * What an officer without the PUBLISHER role may send: only an answer, a notice whose {@code
 * inReplyTo} names one the acting unit received. Starting a new exchange is a publisher's decision.
 * The API and the web form ask the same question here.
 */
public final class ReplyOnly {

  /** The code of the refusal, in the API's problem and on the web page. */
  public static final String CODE = "REPLY_ONLY";

  private ReplyOnly() {}

  /** Whether {@code caller} may send a notice that answers {@code inReplyTo} (null: none). */
  public static boolean allows(Caller caller, String inReplyTo, InboxStore inbox) {
    if (caller.has(Role.PUBLISHER)) {
      return true;
    }
    if (inReplyTo == null) {
      return false;
    }
    UUID answered;
    try {
      answered = UUID.fromString(inReplyTo);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return inbox.find(caller.actingFor().value(), answered).isPresent();
  }
}
