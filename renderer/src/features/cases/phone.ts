// Phone numbers on screen in the form a Swedish nurse dials them.

/**
 * A Swedish number as a nurse dials it: "+46701740605" → "070-174 06 05" (mobile numbers have one
 * shape), "+46480123456" → "0480123456" (area codes differ in length, so no grouping is guessed);
 * anything else as the phone platform gave it.
 */
export function nationalPhone(number: string): string {
  const compact = number.replace(/[\s-]/g, '');
  const swedish = /^\+46(\d{7,10})$/.exec(compact);
  if (!swedish) return number;
  const national = `0${swedish[1]}`;
  const mobile = /^(07\d)(\d{3})(\d{2})(\d{2})$/.exec(national);
  return mobile ? `${mobile[1]}-${mobile[2]} ${mobile[3]} ${mobile[4]}` : national;
}
