import type { Connector } from './connector.ts';

/**
 * Files imported with `lookout import` arrive through a channel of kind 'import' (its config says
 * which network the authors belong to). It neither polls nor sends: replies to imported history go
 * out through the live channel of that network.
 */
export const importConnector: Connector = {
  kind: 'import',
  limits: { maxLength: null, canThread: false, hasPrivateMessages: false },
};
