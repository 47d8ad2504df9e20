// A supplier's own test, as it would sit in their repository: it imports the installed package
// by name and nothing else of smetsim. Run with `node --test` (any runner works the same way).
// CI runs it against the packed tarball: test/external/packed-library.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness } from 'smetsim';

let harness;
before(async () => {
  harness = await startHarness({ premises: 1, seed: 'supplier-suite' });
});
after(() => harness.stop());

/** Submit a read as our head-end would, and wait for the meter's answer in our inbox. */
async function readRegisters(device, role) {
  const supplier = harness.party('supplier');
  const requestId = supplier.nextRequestId(device.eui);
  const accepted = await supplier.submit({ requestId, role, serviceReferenceVariant: '4.1.1', commandVariant: 1 });
  assert.equal(accepted.json.code, 'I99');
  const answer = await supplier.waitFor((item) => item.requestId === requestId);
  assert.equal(answer.code, 'I0');
  return answer.body;
}

test('the meter has used nothing before time moves', async () => {
  const { importWh } = await readRegisters(harness.premises(1).esme, 'IS');
  assert.equal(importWh, 0);
});

test('an hour later the register has moved, and the device state agrees', async () => {
  const esme = harness.premises(1).esme;
  await harness.advance('1h');
  const { importWh } = await readRegisters(esme, 'IS');
  assert.ok(importWh > 0, `importWh ${importWh}`);
  const state = harness.deviceState(esme.eui);
  assert.ok(state.registerUnits > 0);
  assert.equal(state.lifecycle, 'Commissioned');
});

test('a refusal names its DUIS code: the network operator may not top up', async () => {
  const operator = harness.party('networkOperator');
  const requestId = operator.nextRequestId(harness.premises(1).esme.eui);
  const refused = await operator.submit({
    requestId,
    role: 'ED',
    serviceReferenceVariant: '2.2',
    commandVariant: 1,
    body: { amountPence: 500 },
  });
  assert.equal(refused.status, 403);
  assert.match(refused.json.code, /^E\d+$/);
});
