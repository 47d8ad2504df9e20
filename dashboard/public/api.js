// @ts-check
/** The dashboard's server: JSON reads, consumer actions, and the event stream (dashboard/routes.ts). */

/** @typedef {import('../api-types.js').PremisesView} PremisesView */
/** @typedef {import('../api-types.js').LogEntry} LogEntry */
/** @typedef {import('../api-types.js').LogFilter} LogFilter */
/** @typedef {import('../api-types.js').PartyView} PartyView */
/** @typedef {import('../api-types.js').InboxItemView} InboxItemView */
/** @typedef {import('../api-types.js').ActionRequest} ActionRequest */
/** @typedef {import('../api-types.js').ActionAnswer} ActionAnswer */
/** @typedef {import('../api-types.js').FeedEvents} FeedEvents */

/**
 * @template T
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<T>}
 */
async function call(path, init) {
  const response = await fetch(`./api/${path}`, init);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  /** @type {unknown} */
  const json = await response.json();
  return /** @type {T} */ (json);
}

/** @param {string} q @returns {Promise<{ total: number, matched: number, premises: PremisesView[] }>} */
export const fleet = (q) => call(`fleet?q=${encodeURIComponent(q)}`);

/** @param {number} index @returns {Promise<PremisesView>} */
export const premises = (index) => call(`premises/${index}`);

/** @returns {Promise<PartyView[]>} */
export const parties = () => call('parties');

/** @param {string} party @returns {Promise<{ party: string, items: InboxItemView[] }>} */
export const inbox = (party) => call(`parties/${encodeURIComponent(party)}/inbox`);

/** @param {number} index @param {ActionRequest} request @returns {Promise<ActionAnswer>} */
export const act = (index, request) =>
  call(`premises/${index}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });

/**
 * Open the event stream with a log filter. The server sends the matching log backlog first.
 * @param {LogFilter} filter
 * @param {{ [K in keyof FeedEvents]: (data: FeedEvents[K]) => void }} handlers
 * @returns {() => void} close
 */
export function subscribe(filter, handlers) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const source = new EventSource(`./api/events?${query.toString()}`);
  /** @type {(keyof FeedEvents)[]} */
  const events = ['premises', 'log', 'inbox'];
  for (const event of events)
    source.addEventListener(event, (message) => {
      const handler = /** @type {(data: unknown) => void} */ (handlers[event]);
      handler(JSON.parse(/** @type {MessageEvent<string>} */ (message).data));
    });
  return () => source.close();
}
