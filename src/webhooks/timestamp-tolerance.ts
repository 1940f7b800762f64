/** Default tolerance between a delivery's timestamp and the receiver's clock: five minutes, both ways. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
