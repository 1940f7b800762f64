/** The meta the Proven mock keeps on each delivery record: the endpoint it went to. */
export interface ProvenDeliveryMeta {
  endpointUrl: string;
}
