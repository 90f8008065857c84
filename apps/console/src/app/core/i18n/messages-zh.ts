/** 中文 translations, keyed by the English text shown in the templates. */
export const ZH: Record<string, string> = {};
