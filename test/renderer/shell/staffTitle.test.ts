// Staff titles on screen: translated in the English UI ("Distriktssköterska" → "District nurse"), the role not repeated.
import { describe, expect, it } from 'vitest';
import { roleText, staffTitleText } from '../../../renderer/src/features/shell/staffTitle';

describe('staff titles', () => {
  it('translates the demo titles into English and leaves Swedish as it is', () => {
    expect(staffTitleText('Distriktssköterska', 'en')).toBe('District nurse');
    expect(staffTitleText('Sjuksköterska', 'en')).toBe('Registered nurse');
    expect(staffTitleText('Teamledare, sjuksköterska', 'en')).toBe('Team lead, registered nurse');
    expect(staffTitleText('Systemförvaltare', 'en')).toBe('System administrator');
    expect(staffTitleText('Distriktssköterska', 'sv')).toBe('Distriktssköterska');
  });

  it('shows a title it does not know as given', () => {
    expect(staffTitleText('Kurator', 'en')).toBe('Kurator');
    expect(staffTitleText('Teamledare, kurator', 'en')).toBe('Teamledare, kurator');
  });

  it('adds the role only when the title does not already say it', () => {
    expect(roleText('Distriktssköterska', 'nurse', 'Nurse', 'en')).toBe('District nurse');
    expect(roleText('Distriktssköterska', 'nurse', 'Sjuksköterska', 'sv')).toBe('Distriktssköterska');
    expect(roleText('Sjuksköterska', 'nurse', 'Sjuksköterska', 'sv')).toBe('Sjuksköterska');
    expect(roleText('Teamledare, sjuksköterska', 'team_lead', 'Team lead', 'en')).toBe(
      'Team lead, registered nurse',
    );
    expect(roleText('Systemförvaltare', 'admin', 'Administratör', 'sv')).toBe(
      'Systemförvaltare · Administratör',
    );
  });
});
