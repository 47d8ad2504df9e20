// @ts-check
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as api from './api.js';
import { FleetView } from './fleet-view.js';
import { html } from './html.js';
import { InboxView } from './inbox-view.js';
import { LogView } from './log-view.js';
import { PremisesView } from './premises-view.js';

/** @typedef {import('../api-types.js').PremisesView} Premises */
/** @typedef {import('../api-types.js').LogEntry} LogEntry */
/** @typedef {import('../api-types.js').LogFilter} LogFilter */
/** @typedef {import('../api-types.js').PartyView} PartyView */
/** @typedef {import('../api-types.js').InboxItemView} InboxItemView */

/** How many log entries the page keeps. */
const LOG_KEEP = 1000;

/** The route from the hash: #/, #/premises/3, #/inboxes/supplier, #/log. */
function useRoute() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/');
}

function App() {
  const [view, arg] = useRoute();
  const [premises, setPremises] = useState(/** @type {Map<number, Premises>} */ (new Map()));
  const [parties, setParties] = useState(/** @type {PartyView[]} */ ([]));
  const [log, setLog] = useState(/** @type {LogEntry[]} */ ([]));
  const [filter, setFilter] = useState(/** @type {LogFilter} */ ({}));
  const [inboxes, setInboxes] = useState(/** @type {Map<string, InboxItemView[]>} */ (new Map()));
  const [live, setLive] = useState(false);

  /** @param {Premises[]} list */
  const upsert = (list) =>
    setPremises((old) => {
      const next = new Map(old);
      for (const p of list) next.set(p.index, p);
      return next;
    });

  useEffect(() => {
    api
      .fleet('')
      .then((answer) => upsert(answer.premises))
      .catch(console.error);
    api.parties().then(setParties).catch(console.error);
  }, []);

  // One stream; a new log filter opens a new one (the server sends the matching backlog first).
  useEffect(() => {
    setLog([]);
    const close = api.subscribe(filter, {
      premises: (p) => upsert([p]),
      log: (entry) => setLog((old) => [...old.slice(-(LOG_KEEP - 1)), entry]),
      inbox: ({ party, item }) =>
        setInboxes((old) => {
          const items = old.get(party);
          if (!items || items.some((i) => i.cursor === item.cursor)) return old;
          return new Map(old).set(party, [...items, item]);
        }),
    });
    setLive(true);
    return () => {
      setLive(false);
      close();
    };
  }, [JSON.stringify(filter)]);

  const party = view === 'inboxes' ? (parties.find((p) => p.name === arg) ?? parties[0]) : undefined;
  useEffect(() => {
    if (!party) return;
    api
      .inbox(party.eui)
      .then((answer) => setInboxes((old) => new Map(old).set(party.eui, answer.items)))
      .catch(console.error);
  }, [party?.eui]);

  useEffect(() => {
    if (view === 'premises' && arg)
      api
        .premises(Number(arg))
        .then((p) => upsert([p]))
        .catch(console.error);
  }, [view, arg]);

  /** @param {string} name @param {string} href */
  const tab = (name, href) => {
    // A premises is part of the fleet view.
    const here = view === 'inboxes' || view === 'log' ? `#/${view}` : '#/';
    return html`<a class=${here === href ? 'active' : ''} href=${href}>${name}</a>`;
  };
  let body;
  if (view === 'premises') body = html`<${PremisesView} home=${premises.get(Number(arg))} log=${log} />`;
  else if (view === 'inboxes')
    body = html`<${InboxView} parties=${parties} party=${party} items=${party ? inboxes.get(party.eui) : undefined} />`;
  else if (view === 'log')
    body = html`<${LogView} entries=${log} filter=${filter} parties=${parties} onFilter=${setFilter} />`;
  else body = html`<${FleetView} premises=${premises} />`;
  return html`<header>
      <h1>smetsim</h1>
      <nav>${tab('Fleet', '#/')} ${tab('Inboxes', '#/inboxes')} ${tab('Message log', '#/log')}</nav>
      <span class=${live ? 'badge ok' : 'badge bad'} id="live">${live ? 'live' : 'offline'}</span>
    </header>
    <main>${body}</main>`;
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
