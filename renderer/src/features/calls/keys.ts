// The call-handling shortcuts: function keys, which never type into a text field, so they work while writing a note.
//
// F1, F3, F5–F7 and F10–F12 are taken by the browser or the operating system (help, find, reload,
// caret browsing, menus, full screen, developer tools), so calls use F2, F4, F8 and F9.
export const CALL_KEYS = {
  /** Answer the call ringing here. */
  accept: 'F2',
  /** Let the ringing call go back to the queue. */
  decline: 'F4',
  /** "Avsluta samtal": end the conversation, after-call work begins. */
  endCall: 'F8',
  /** Become available (from a break or offline), or end after-call work. */
  available: 'F9',
} as const;

/** Opens the presence menu. */
export const PRESENCE_MENU_KEY = { label: 'Alt+S', code: 'KeyS' } as const;
