/** The meta the Exchange mock keeps on each delivery record: the registration it serves. */
export interface ExchangeDeliveryMeta {
  webhookId: string;
}
