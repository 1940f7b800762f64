/** The meta the Provenonce mock keeps on each delivery record: whose configuration it serves. */
export interface ProvenonceDeliveryMeta {
  partnerKey: string;
}
