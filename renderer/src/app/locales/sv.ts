// Swedish UI text: the default language of the workstation.
export const sv = {
  app: { name: 'Firstline', tagline: 'Sjukvårdsrådgivning på telefon' },
  signIn: {
    title: 'Logga in',
    subtitle: 'Logga in med ditt HSA-id för att börja ditt pass.',
    hsaId: 'HSA-id',
    hsaIdHelp: 'T.ex. SE2321000016-SKAN1',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in…',
    demoNote: 'Demoläge: konton och lösenord finns i README.',
    missingFields: 'Fyll i både HSA-id och lösenord.',
  },
  errors: {
    invalid_credentials: 'Fel HSA-id eller lösenord. Kontrollera uppgifterna och försök igen.',
    account_locked:
      'Kontot är låst efter för många misslyckade försök. Försök igen efter kl. {{time}} eller kontakta din teamledare.',
    account_locked_no_time: 'Kontot är låst efter för många misslyckade försök. Kontakta din teamledare.',
    rate_limited: 'För många inloggningsförsök från den här datorn. Vänta en stund och försök igen.',
    backend_unreachable:
      'Regionens server svarar inte. Kontrollera nätverksanslutningen och försök igen. Kontakta IT-support om felet kvarstår.',
    backend_error: 'Regionens server svarade med ett fel. Försök igen om en stund.',
    invalid_arguments: 'Uppgifterna har fel format: {{message}}',
    not_signed_in: 'Du är inte inloggad. Logga in igen.',
    unknown_method: 'Funktionen finns inte i den här versionen av Firstline.',
    untrusted_sender:
      'Anropet kom inte från Firstlines eget fönster och stoppades. Starta om Firstline; kontakta IT-support om det händer igen.',
    internal: 'Något gick fel i arbetsstationen. Försök igen; kontakta IT-support om felet kvarstår.',
    protocols_unavailable:
      'Protokollbiblioteket kunde inte läsas. Starta om Firstline; kontakta IT-support om felet kvarstår.',
    validation_failed: 'Uppgifterna kunde inte sparas: {{message}}',
    not_found: 'Ärendet eller anteckningen finns inte på den här arbetsstationen.',
    note_signed: 'Anteckningen är redan signerad och kan inte ändras. Använd Ändra/komplettera.',
    note_incomplete: 'Anteckningen kan inte signeras än – det saknas uppgifter.',
    triage_provisional:
      'Triaget är preliminärt: besvara de öppna frågorna, ändra brådskegraden eller ange varför du signerar ändå.',
    draft_pending: 'Ärendet har en osignerad anteckning. Signera eller kasta utkastet först.',
    case_closed: 'Ärendet är avslutat och kan inte ändras.',
    conflict: 'Ändringen krockar med det som redan är sparat. Ladda om ärendet och försök igen.',
    call_has_case:
      'Samtalet har redan ett ärende. Öppna det med Visa ärendet, eller kryssa i att du vill skapa ett till för samma samtal.',
    store_unavailable:
      'Den lokala databasen kunde inte öppnas, så ärenden kan inte visas eller sparas. Kontakta IT-support.',
    forbidden: 'Din roll har inte behörighet till det här.',
    call_taken: 'En kollega har redan tagit samtalet.',
    offer_expired:
      'Samtalet ringde ut innan du svarade och har gått tillbaka till kön. Du är nu otillgänglig – välj Tillgänglig (F9) när du är redo.',
    call_state_conflict: 'Samtalet är inte längre i ett läge där det går – det kan redan vara avslutat.',
    presence_forbidden: 'Det går inte med din nuvarande status. Ändra status först.',
    callback_state_conflict: 'Återuppringningen är redan klar eller ligger i kön och kan inte ändras nu.',
    catalog_unavailable:
      'Vårdkatalogen finns inte på den här arbetsstationen än och regionens server svarar inte. Försök igen om en stund.',
    no_disposition: 'Ärendet har ingen brådskegrad än. Gör triagen först, så kommer förslagen.',
    receipt_incomplete: 'Kvittot kan inte göras än: anteckningen saknar uppgifter.',
    sms_failed: 'SMS:et kunde inte skickas (SMS-tjänsten tog inte emot det). Försök igen.',
    missingHostSecret: 'Sidan saknar sin åtkomstnyckel. Öppna adressen som skrevs ut när Firstline startade.',
  },
  nav: {
    label: 'Huvudmeny',
    calls: 'Samtal',
    cases: 'Ärenden',
    protocols: 'Protokoll',
    teamLead: 'Teamledare',
  },
  roles: { nurse: 'Sjuksköterska', team_lead: 'Teamledare', admin: 'Administratör' },
  status: {
    label: 'Statusrad',
    region: 'Region',
    online: 'Ansluten till regionen',
    offline: 'Ingen anslutning till regionen sedan {{time}}',
    checking: 'Ansluter till regionen…',
    offlineBanner:
      'Ingen anslutning till regionens server sedan {{time}}. Du kan fortsätta arbeta – allt sparas lokalt och skickas när anslutningen är tillbaka.',
  },
  menu: {
    settings: 'Inställningar',
    language: 'Språk',
    darkMode: 'Mörkt läge',
    lightMode: 'Ljust läge',
    systemMode: 'Följ datorns inställning',
    signOut: 'Logga ut',
  },
  pages: {
    calls: {
      title: 'Samtal',
      empty: 'Samtalskön är inte ansluten ännu.',
      emptyHelp: 'När samtalsfördelningen är aktiverad för din region visas kön och inkommande samtal här.',
    },
    cases: {
      title: 'Ärenden',
      empty: 'Inga ärenden att visa.',
      emptyHelp: 'Ärenden du dokumenterar under passet visas här.',
    },
    protocols: {
      title: 'Protokoll',
      empty: 'Inga rådgivningsprotokoll laddade.',
      emptyHelp: 'Protokollbiblioteket visas här.',
    },
    teamLead: {
      title: 'Teamledare',
    },
  },
  loading: 'Laddar…',
};

export type Messages = typeof sv;
