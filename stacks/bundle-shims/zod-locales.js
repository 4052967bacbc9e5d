// Stands in for zod's locales index in the function bundle: 60-odd message translations, a third of
// zod's size. zod configures English itself; the runtime never picks another locale.
export { default as en } from 'zod/v4/locales/en.js';
