// The little XML OSS speaks: building responses and reading the few request bodies
// (Delete, CompleteMultipartUpload, CreateBucketConfiguration). No attributes or namespaces needed.
import { ossError } from './errors.ts';

export type XmlContent = string | number | boolean | bigint | null | undefined | XmlContent[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `<tag>content</tag>`; arrays are concatenated, null/undefined omit the element. */
export function el(tag: string, content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) return `<${tag}>${content.map(render).join('')}</${tag}>`;
  return `<${tag}>${escapeXml(String(content))}</${tag}>`;
}

function render(content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) return content.map(render).join('');
  return String(content);
}

export function xmlDocument(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}`;
}

export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

export function child(node: XmlElement, name: string): XmlElement | undefined {
  return node.children.find((c) => c.name === name);
}

export function children(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c) => c.name === name);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}

/** Parses a document into its root element; anything malformed is the MalformedXML error. */
export function parseXml(source: string): XmlElement {
  const malformed = (why: string) => ossError('MalformedXML', `The XML you provided was not well-formed: ${why}.`);
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let match: RegExpExecArray | null;
  let pos = 0;
  while (pos < source.length && (match = token.exec(source)) !== null) {
    pos = token.lastIndex;
    const [, cdata, closing, opening, , selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (cdata !== undefined) {
      if (!top) throw malformed('text outside the root element');
      top.text += cdata;
    } else if (closing !== undefined) {
      if (!top || top.name !== closing) throw malformed(`unexpected </${closing}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const node: XmlElement = { name: opening, text: '', children: [] };
      if (top) top.children.push(node);
      else if (root) throw malformed('more than one root element');
      else root = node;
      if (!selfClosing) stack.push(node);
    } else if (text !== undefined) {
      if (top) top.text += decodeEntities(text);
      else if (text.trim() !== '') throw malformed('text outside the root element');
    }
  }
  if (pos < source.length) throw malformed(`cannot read from offset ${pos}`);
  if (!root) throw malformed('no root element');
  if (stack.length > 0) throw malformed(`<${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}
