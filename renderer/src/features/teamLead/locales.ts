// Texts of the team lead page's frame: its sections' headings, Swedish first (each section keeps its own texts).
export const teamLeadLocales = {
  sv: {
    sections: 'Avsnitt',
    queues: { title: 'Köövervakning' },
  },
  en: {
    sections: 'Sections',
    queues: { title: 'Queue monitoring' },
  },
};
