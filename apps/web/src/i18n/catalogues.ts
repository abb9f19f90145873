import type { Language } from '@accord/core';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import ru from '../locales/ru.json';
import zh from '../locales/zh.json';

/** Every message key; English is the reference catalogue, so a key missing there is a compile error. */
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

// Typing each catalogue as a full Catalogue makes the compiler report a key missing from any language.
export const CATALOGUES: Record<Language, Catalogue> = { ar, zh, en, fr, ru, es };
