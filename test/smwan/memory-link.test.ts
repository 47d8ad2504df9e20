import { MemorySmwan, SmwanCredentials } from '../../smwan/index.js';
import { smwanConformance } from './conformance.js';

smwanConformance('in-memory', async () => {
  const credentials = new SmwanCredentials('memory-test-master-secret');
  const network = new MemorySmwan(credentials);
  return {
    credentials,
    hubLink: (hub, secret) => network.hubLink(hub, secret),
    headEndLink: (secret) => network.headEndLink(secret),
    close: async () => undefined,
  };
});
