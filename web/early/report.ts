/** Inline in the report form's <head>: the service status and today's matches, asked for at once. */
import { earlyGet } from '../api/early.js';
import { helsinkiToday, pickLanguage } from '../i18n/pick.js';

const lang = pickLanguage(location.search, navigator.languages?.length ? navigator.languages : [navigator.language]);
earlyGet(`/matches?date=${helsinkiToday()}`);
earlyGet(`/service-status?lang=${lang}`);
