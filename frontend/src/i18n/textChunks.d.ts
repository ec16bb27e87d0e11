// `import('./locales/nl.json?texts=core')`: one part of a locale file (see textGroups.ts).
declare module '*.json?texts=core' {
  const texts: Record<string, unknown>;
  export default texts;
}
declare module '*.json?texts=start' {
  const texts: Record<string, unknown>;
  export default texts;
}
declare module '*.json?texts=pages' {
  const texts: Record<string, unknown>;
  export default texts;
}
