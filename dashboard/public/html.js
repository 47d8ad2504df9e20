// @ts-check
import { h } from 'preact';
import htm from 'htm';

/** JSX-like templates without a build step: htm turns tagged templates into Preact calls. */
export const html = htm.bind(h);

/** @param {number | undefined} pence */
export const money = (pence) => (pence === undefined ? '—' : `£${(pence / 100).toFixed(2)}`);

/** @param {string} iso */
export const time = (iso) => iso.slice(11, 23);

/** @param {boolean} online */
export const onlineBadge = (online) =>
  html`<span class=${online ? 'badge ok' : 'badge bad'}>${online ? 'online' : 'offline'}</span>`;
