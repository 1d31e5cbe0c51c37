/** A request found the session over (signed out elsewhere, expired, or a password still to change): the page goes to the login. */
export class WbSessionEndEvent extends CustomEvent<{ passwordChange: boolean }> {
  constructor(passwordChange: boolean) {
    super('wb-session-end', { detail: { passwordChange }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wb-session-end': WbSessionEndEvent;
  }
}
