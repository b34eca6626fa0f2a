// English UI text, the second language; keys mirror the Swedish file.
import type { Messages } from './sv';

export const en: Messages = {
  app: { name: 'Firstline', tagline: 'Telephone health advice' },
  signIn: {
    title: 'Sign in',
    subtitle: 'Sign in with your HSA-id to start your shift.',
    hsaId: 'HSA-id',
    hsaIdHelp: 'E.g. SE2321000016-SKAN1',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    demoNote: 'Demo mode: accounts and passwords are listed in the README.',
    missingFields: 'Enter both HSA-id and password.',
  },
  errors: {
    invalid_credentials: 'Wrong HSA-id or password. Check them and try again.',
    account_locked:
      'The account is locked after too many failed attempts. Try again after {{time}} or contact your team lead.',
    account_locked_no_time: 'The account is locked after too many failed attempts. Contact your team lead.',
    rate_limited: 'Too many sign-in attempts from this computer. Wait a moment and try again.',
    backend_unreachable:
      "The region's server is not answering. Check the network connection and try again. Contact IT support if it persists.",
    backend_error: "The region's server answered with an error. Try again in a moment.",
    invalid_arguments: 'The details have the wrong format: {{message}}',
    not_signed_in: 'You are not signed in. Sign in again.',
    unknown_method: 'This function does not exist in this version of Firstline.',
    untrusted_sender:
      "The call did not come from Firstline's own window and was stopped. Restart Firstline; contact IT support if it happens again.",
    internal: 'Something went wrong in the workstation. Try again; contact IT support if it persists.',
    protocols_unavailable:
      'The protocol library could not be read. Restart Firstline; contact IT support if it persists.',
    validation_failed: 'The details could not be saved: {{message}}',
    not_found: 'The case or note does not exist on this workstation.',
    note_signed: 'The note is already signed and cannot be changed. Use Amend.',
    note_incomplete: 'The note cannot be signed yet – details are missing.',
    triage_provisional:
      'The triage is provisional: answer the open questions, change the level, or give a reason for signing anyway.',
    draft_pending: 'The case has an unsigned note. Sign or discard the draft first.',
    case_closed: 'The case is closed and cannot be changed.',
    conflict: 'The change conflicts with what is already saved. Reload the case and try again.',
    call_has_case:
      'The call already has a case. Open it with Show case, or tick that you want another case for the same call.',
    store_unavailable:
      'The local database could not be opened, so cases cannot be shown or saved. Contact IT support.',
    forbidden: 'Your role is not allowed to do this.',
    call_taken: 'A colleague has already taken the call.',
    offer_expired:
      'The call rang out before you answered and went back to the queue. You are now unavailable – choose Available (F9) when you are ready.',
    call_state_conflict: 'The call is no longer in a state that allows this – it may already be over.',
    presence_forbidden: 'Not possible with your current status. Change your status first.',
    callback_state_conflict:
      'The callback is already done or waiting in the queue and cannot be changed now.',
    catalog_unavailable:
      'The care catalog is not on this workstation yet and the regional server does not answer. Try again shortly.',
    no_disposition: 'The case has no urgency level yet. Do the triage first, then the suggestions come.',
    receipt_incomplete: 'The receipt cannot be made yet: the note lacks details.',
    sms_failed: 'The SMS could not be sent (the SMS service did not take it). Try again.',
    missingHostSecret:
      'This page is missing its access key. Open the address printed when Firstline started.',
  },
  nav: { label: 'Main menu', calls: 'Calls', cases: 'Cases', protocols: 'Protocols', teamLead: 'Team lead' },
  roles: { nurse: 'Nurse', team_lead: 'Team lead', admin: 'Administrator' },
  status: {
    label: 'Status bar',
    region: 'Region',
    online: 'Connected to the region',
    offline: 'No connection to the region since {{time}}',
    checking: 'Connecting to the region…',
    offlineBanner:
      "No connection to the region's server since {{time}}. You can keep working – everything is saved locally and sent when the connection is back.",
  },
  menu: {
    settings: 'Settings',
    language: 'Language',
    darkMode: 'Dark mode',
    lightMode: 'Light mode',
    systemMode: 'Follow the computer',
    signOut: 'Sign out',
  },
  pages: {
    calls: {
      title: 'Calls',
      empty: 'The call queue is not connected yet.',
      emptyHelp:
        'When call distribution is enabled for your region, the queue and incoming calls appear here.',
    },
    cases: {
      title: 'Cases',
      empty: 'No cases to show.',
      emptyHelp: 'Cases you document during your shift appear here.',
    },
    protocols: {
      title: 'Protocols',
      empty: 'No advice protocols loaded.',
      emptyHelp: 'The protocol library appears here.',
    },
    teamLead: {
      title: 'Team lead',
    },
  },
  loading: 'Loading…',
};
