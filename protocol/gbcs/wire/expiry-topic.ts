/**
 * The DCC's response deadline travels in the down topic, outside the GBCS message
 * (protocol/topics.ts `downTopic`): re-exported here, next to the rest of the wire.
 */
export { downTopic, downFilter, parseSmwanTopic } from '../../topics.js';
