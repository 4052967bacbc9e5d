// Literal text in synthesized Terraform JSON, where every string is a template.

/** Terraform would read "${" and "%{" in a literal as template syntax; double them to keep the text as it is. */
export function escapeTemplate(text: string): string {
  // Replacer functions: in a replacement string "$$" would itself mean "$".
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}
