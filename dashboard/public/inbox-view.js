// @ts-check
import { html, time } from './html.js';

/** @typedef {import('../api-types.js').PartyView} PartyView */
/** @typedef {import('../api-types.js').InboxItemView} InboxItemView */

/**
 * A party's inbox as the DCC holds it (what its head-end would read from /v1/parties/:eui/inbox),
 * newest first, growing live.
 * @param {{ parties: PartyView[], party: PartyView | undefined, items: InboxItemView[] | undefined }} props
 */
export function InboxView({ parties, party, items }) {
  return html`<section>
    <h2>Party inboxes</h2>
    <nav class="tabs">
      ${parties.map(
        (p) =>
          html`<a class=${p.eui === party?.eui ? 'tab active' : 'tab'} href=${`#/inboxes/${p.name}`}>${p.name}</a>`,
      )}
    </nav>
    ${
      party &&
      html`<div data-party-inbox=${party.name}>
        <p>
          <code>${party.eui}</code> ${party.categories.join(', ')} ·
          <span class="count">${items?.length ?? 0}</span> items
        </p>
        <table class="log">
          <thead>
            <tr>
              <th>received</th>
              <th>kind</th>
              <th>code</th>
              <th>SR</th>
              <th>request id</th>
              <th>body</th>
            </tr>
          </thead>
          <tbody>
            ${[...(items ?? [])].reverse().map(
              (item) =>
                html`<tr key=${item.cursor} class="inbox-item">
                  <td>${time(item.receivedAt)}</td>
                  <td>${item.kind}</td>
                  <td>${item.code ?? item.alertCode ?? ''}</td>
                  <td>${item.serviceReferenceVariant ?? ''}</td>
                  <td><code>${item.requestId ?? ''}</code></td>
                  <td><code class="body">${JSON.stringify(item.body)}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`
    }
  </section>`;
}
