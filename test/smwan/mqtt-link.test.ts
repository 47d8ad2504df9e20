import { MqttHeadEndLink, MqttHubLink, SmwanCredentials, startEmbeddedBroker } from '../../smwan/index.js';
import { smwanConformance } from './conformance.js';

smwanConformance('MQTT over TCP to the embedded aedes broker', async () => {
  const credentials = new SmwanCredentials('mqtt-test-master-secret');
  const broker = await startEmbeddedBroker({ credentials, port: 0 });
  return {
    credentials,
    hubLink: (hub, secret) => new MqttHubLink({ url: broker.url, hub, secret }),
    headEndLink: (secret) => new MqttHeadEndLink({ url: broker.url, secret }),
    close: () => broker.close(),
  };
});
