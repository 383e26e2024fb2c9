// Terraform reads `${...}` and `%{...}` inside any JSON string as an expression. Rendered files carry
// `${secret:NAME}` placeholders that must reach the provider literally, so file contents are escaped
// (`$${`, `%%{`) before they go into the synthesized JSON; Terraform unescapes them again.
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

export function unescapeTemplate(text: string): string {
  return text.replace(/([$%])\1\{/g, (_, sigil: string) => `${sigil}{`);
}
