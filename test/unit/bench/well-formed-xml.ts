/**
 * A strict, small XML well-formedness check for the benchmark's hand-written SVG: one root element,
 * properly nested and closed tags, quoted and unique attributes, and no bare `<` or `&` in text or
 * attribute values. No DTDs or CDATA: the chart never writes them, so meeting one is an error.
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const OPEN_TAG = new RegExp(`<(${NAME})`, 'y');
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END = /\s*(\/?)>/y;
const CLOSE_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

function entityErrors(text: string, where: string): string[] {
  const errors: string[] = [];
  for (let index = text.indexOf('&'); index >= 0; index = text.indexOf('&', index + 1)) {
    ENTITY.lastIndex = index;
    if (!ENTITY.test(text)) errors.push(`bare & in ${where} at "${text.slice(index, index + 12)}"`);
  }
  return errors;
}

export function wellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const open: string[] = [];
  let rootClosed = false;
  let rootSeen = false;
  let position = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (position < xml.length) {
    const next = xml.indexOf('<', position);
    const text = xml.slice(position, next < 0 ? xml.length : next);
    errors.push(...entityErrors(text, 'text'));
    if (open.length === 0 && text.trim() !== '')
      errors.push(`text outside the root element: "${text.trim().slice(0, 20)}"`);
    if (next < 0) break;
    if (xml.startsWith('<!--', next)) {
      const end = xml.indexOf('-->', next);
      if (end < 0) return [...errors, 'unterminated comment'];
      position = end + 3;
      continue;
    }
    CLOSE_TAG.lastIndex = next;
    const closing = CLOSE_TAG.exec(xml);
    if (closing) {
      const expected = open.pop();
      if (expected !== closing[1]) errors.push(`</${closing[1]}> closes <${expected ?? 'nothing'}>`);
      if (open.length === 0) rootClosed = true;
      position = CLOSE_TAG.lastIndex;
      continue;
    }
    OPEN_TAG.lastIndex = next;
    const opening = OPEN_TAG.exec(xml);
    if (!opening?.[1]) return [...errors, `malformed markup at "${xml.slice(next, next + 20)}"`];
    if (rootClosed || (open.length === 0 && rootSeen)) errors.push(`a second root element <${opening[1]}>`);
    rootSeen = true;
    let cursor = OPEN_TAG.lastIndex;
    const names = new Set<string>();
    for (;;) {
      ATTRIBUTE.lastIndex = cursor;
      const attribute = ATTRIBUTE.exec(xml);
      if (!attribute?.[1]) break;
      if (names.has(attribute[1])) errors.push(`attribute ${attribute[1]} repeated on <${opening[1]}>`);
      names.add(attribute[1]);
      errors.push(...entityErrors(attribute[2] ?? attribute[3] ?? '', `attribute ${attribute[1]}`));
      cursor = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = cursor;
    const end = TAG_END.exec(xml);
    if (!end) return [...errors, `malformed tag <${opening[1]} at "${xml.slice(cursor, cursor + 20)}"`];
    if (end[1] === '/') {
      if (open.length === 0) rootClosed = true;
    } else {
      open.push(opening[1]);
    }
    position = TAG_END.lastIndex;
  }
  if (!rootSeen) errors.push('no root element');
  if (open.length > 0) errors.push(`unclosed: ${open.join(' > ')}`);
  return errors;
}
